import type { Device } from '@afterimage/contracts';

export interface DeviceNote {
  tone: 'warn' | 'info';
  text: string;
}

const TRANSPORT: Partial<Record<NonNullable<Device['transport']>, string>> = {
  usb: 'USB',
  sd: 'SD card',
  mmc: 'Memory card',
  sata: 'SATA',
  ata: 'ATA',
  nvme: 'NVMe',
  firewire: 'FireWire',
  thunderbolt: 'Thunderbolt',
  virtio: 'Virtual disk',
  loop: 'Loop device',
  'disk-image': 'Mounted image',
};

/** "SanDisk Extreme", else the volume label, else the kernel's name. */
export function deviceName(device: Device): string {
  const vendor = device.vendor && !/^0x[0-9a-f]+$/i.test(device.vendor) ? device.vendor : undefined;
  const model = device.model?.trim();
  const name = model && vendor && !model.toLowerCase().startsWith(vendor.toLowerCase()) ? `${vendor} ${model}` : (model ?? vendor);
  return name || device.filesystem?.label || device.id;
}

export function transportLabel(device: Device): string | undefined {
  return device.transport ? (TRANSPORT[device.transport] ?? device.transport.toUpperCase()) : undefined;
}

/** Every mount point of the disk and its partitions. */
export function mountpointsOf(device: Device): string[] {
  return [...device.mountpoints, ...device.partitions.flatMap(mountpointsOf)];
}

/** What a person should know before scanning this disk, most serious first. */
export function deviceNotes(device: Device): DeviceNote[] {
  const notes: DeviceNote[] = [];
  const mounted = mountpointsOf(device);
  if (device.sizeBytes === 0) notes.push({ tone: 'info', text: 'No card in this reader. Insert one and refresh.' });
  if (device.isSystem) {
    notes.push({ tone: 'warn', text: 'This computer runs from this disk. It is only read, but deleted files on it may already be overwritten, and recovered files must go to another drive.' });
  } else if (mounted.length > 0) {
    notes.push({ tone: 'warn', text: `In use (mounted at ${mounted.join(', ')}). Anything written to it can overwrite deleted photos: eject it in your file manager before scanning if you can.` });
  }
  if (device.readOnly && !device.isSystem) notes.push({ tone: 'info', text: 'Read-only: nothing can be written to it.' });
  return notes;
}

/** Removable disks first, the system disk last; the agent sorts the same way, this keeps it so. */
export function sortDevices(devices: readonly Device[]): Device[] {
  const rank = (d: Device) => (d.removable ? 0 : d.isSystem ? 2 : 1);
  return [...devices].sort((a, b) => rank(a) - rank(b));
}
