import { TransportSchema, type Device, type Transport } from '@afterimage/contracts';

/** What the agent knows about a disk or a partition it could read from: the contract's shape. */
export type { Device, Transport };

export const TRANSPORTS = TransportSchema.options;

const TRANSPORT_WORDS: Record<string, Transport> = {
  usb: 'usb', sata: 'sata', ata: 'ata', atapi: 'ata', pata: 'ata', nvme: 'nvme', nvmexpress: 'nvme', 'pci-express': 'pci', pci: 'pci',
  'apple fabric': 'pci', mmc: 'mmc', sd: 'sd', 'secure digital': 'sd', scsi: 'scsi', sas: 'sas', spi: 'scsi',
  ieee1394: 'firewire', '1394': 'firewire', firewire: 'firewire', thunderbolt: 'thunderbolt', virtio: 'virtio',
  loop: 'loop', 'disk image': 'disk-image', raid: 'raid', virtual: 'virtual', 'file backed virtual': 'disk-image',
  spaces: 'virtual', iscsi: 'network', fc: 'network', 'fibre channel': 'network', nvmeof: 'network',
};

/** Maps an OS's word for a bus (lsblk TRAN, diskutil BusProtocol, Windows BusType) to a Transport. */
export function toTransport(word: string | undefined): Transport | undefined {
  const key = word?.trim().toLowerCase();
  if (!key || key === 'unknown') return undefined;
  return TRANSPORT_WORDS[key] ?? 'other';
}

/** Transports whose disks a person plugs in and out. */
export const PLUGGABLE_TRANSPORTS: ReadonlySet<Transport> = new Set(['usb', 'mmc', 'sd', 'firewire', 'thunderbolt']);

/** Mount points that make a disk the system disk (Linux and macOS). */
export const SYSTEM_MOUNTPOINTS: ReadonlySet<string> = new Set([
  '/', '/boot', '/boot/efi', '/efi', '/usr', '/var', '/System/Volumes/Data', '/System/Volumes/Preboot', '/System/Volumes/VM',
]);

/** A string the OS gave, trimmed, or undefined when it gave nothing useful. */
export function cleanText(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const text = value.replace(/\0/g, '').trim();
  return text === '' ? undefined : text;
}

/**
 * Removable devices first (what a person plugged in to rescue), then fixed ones, the system disk
 * last; by path within each group.
 */
export function sortForDisplay(devices: readonly Device[]): Device[] {
  const rank = (d: Device) => (d.isSystem ? 2 : d.removable ? 0 : 1);
  return [...devices].sort((a, b) => rank(a) - rank(b) || a.path.localeCompare(b.path, 'en', { numeric: true }));
}
