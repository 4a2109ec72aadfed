import type { FilesystemDescriptor } from '../filesystem.js';
import type { ByteSource } from '../source/byte-source.js';
import { sliceSource } from '../source/slice-source.js';
import { parseHfsWrapper } from './hfs-wrapper.js';
import { openHfsPlus } from './hfsplus-open.js';
import { parseVolumeHeader } from './volume-header.js';

async function headerAt(source: ByteSource): Promise<boolean> {
  if (source.size < 1536) return false;
  parseVolumeHeader(await source.read(1024, 512));
  return true;
}

/** HFS+ ('H+'), HFSX ('HX') and HFS+ inside an HFS wrapper ('BD' embedding 'H+'). Plain HFS is not read. */
export const hfsplus: FilesystemDescriptor = {
  id: 'hfsplus',
  name: 'HFS+ / HFSX',
  async probe(source: ByteSource): Promise<boolean> {
    try {
      if (source.size < 1536) return false;
      const embedded = parseHfsWrapper(await source.read(1024, 512));
      if (!embedded) return await headerAt(source);
      if (embedded.offset + 1536 > source.size) return false;
      return await headerAt(sliceSource(source, embedded.offset, Math.min(embedded.length, source.size - embedded.offset)));
    } catch {
      return false;
    }
  },
  open: (source, options) => openHfsPlus(source, options),
};
