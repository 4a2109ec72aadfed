/**
 * What the agent knows about a disk or a partition it could read from. Plain JSON (no Dates, no
 * Buffers, no undefined inside arrays) so it crosses the tRPC boundary as it is; the lead turns this
 * into a zod schema in libs/contracts.
 */
export interface Device {
  /** Unique on this machine while the device stays attached: the kernel's name (sdb, disk4, PhysicalDrive2). */
  id: string;
  /** The node to open read-only: /dev/sdb, /dev/disk4, \\.\PHYSICALDRIVE2. */
  path: string;
  kind: 'disk' | 'partition';
  /** The id of the disk a partition lies on. */
  parent?: string;
  model?: string;
  vendor?: string;
  serial?: string;
  /** Size in bytes as the operating system reports it; 0 for a reader or drive with no medium in it. */
  sizeBytes: number;
  /** Logical sector size in bytes (512 or 4096). */
  sectorSize: number;
  /** A person can unplug it or take its medium out: removable media, hot-pluggable, USB, SD/MMC. */
  removable: boolean;
  transport?: Transport;
  /** The OS will not write to it (an SD card's lock switch, a read-only loop device). */
  readOnly: boolean;
  /** Where it (for a partition) or what is on it directly (for a disk) is mounted. */
  mountpoints: string[];
  /** What the OS knows of the filesystem on it, when it knows anything. */
  filesystem?: { type?: string; label?: string; uuid?: string };
  /**
   * The computer runs from it: a disk holding the root or boot volume (or the Windows system or boot
   * partition), or that partition itself. The dashboard warns before a scan of it.
   */
  isSystem: boolean;
  /** A loop device: an image file attached as a disk. */
  loop?: { backingFile?: string };
  /** Partitions of a disk, in the OS's order; always empty on a partition. */
  partitions: Device[];
}

export const TRANSPORTS = [
  'usb', 'sata', 'ata', 'nvme', 'mmc', 'sd', 'scsi', 'sas', 'firewire', 'thunderbolt', 'pci',
  'virtio', 'loop', 'disk-image', 'raid', 'virtual', 'network', 'other',
] as const;
export type Transport = (typeof TRANSPORTS)[number];

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
