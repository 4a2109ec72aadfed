import type { FilesystemDescriptor } from '../filesystem.js';
import { probeExfat } from './boot-region.js';
import { openExfat } from './exfat-filesystem.js';

/** exFAT: SD cards over 32 GB (SDXC), USB sticks, camera cards. */
export const exfat: FilesystemDescriptor = {
  id: 'exfat',
  name: 'exFAT',
  probe: probeExfat,
  open: (source, options) => openExfat(source, options),
};
