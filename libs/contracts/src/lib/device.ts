import { z } from 'zod';

export const TransportSchema = z.enum([
  'usb', 'sata', 'ata', 'nvme', 'mmc', 'sd', 'scsi', 'sas', 'firewire', 'thunderbolt', 'pci',
  'virtio', 'loop', 'disk-image', 'raid', 'virtual', 'network', 'other',
]);
export type Transport = z.infer<typeof TransportSchema>;

/** A disk or a partition of this computer, as its operating system describes it. */
export interface Device {
  /** Unique while attached: the kernel's name (sdb, disk4, PhysicalDrive2). */
  id: string;
  /** What is opened, read-only: /dev/sdb, /dev/disk4, \\.\PHYSICALDRIVE2. */
  path: string;
  kind: 'disk' | 'partition';
  parent?: string;
  model?: string;
  vendor?: string;
  serial?: string;
  /** From the OS; 0 for a reader with no card in it. */
  sizeBytes: number;
  sectorSize: number;
  /** A person can unplug it or take its medium out. */
  removable: boolean;
  transport?: Transport;
  readOnly: boolean;
  mountpoints: string[];
  filesystem?: { type?: string; label?: string; uuid?: string };
  /** The computer runs from it: scanning it is allowed, but the dashboard warns. */
  isSystem: boolean;
  loop?: { backingFile?: string };
  partitions: Device[];
}

export const DeviceSchema: z.ZodType<Device> = z.lazy(() =>
  z.object({
    id: z.string().min(1),
    path: z.string().min(1),
    kind: z.enum(['disk', 'partition']),
    parent: z.string().optional(),
    model: z.string().optional(),
    vendor: z.string().optional(),
    serial: z.string().optional(),
    sizeBytes: z.number().int().nonnegative(),
    sectorSize: z.number().int().positive(),
    removable: z.boolean(),
    transport: TransportSchema.optional(),
    readOnly: z.boolean(),
    mountpoints: z.array(z.string()),
    filesystem: z.object({ type: z.string().optional(), label: z.string().optional(), uuid: z.string().optional() }).optional(),
    isSystem: z.boolean(),
    loop: z.object({ backingFile: z.string().optional() }).optional(),
    partitions: z.array(DeviceSchema),
  }),
);

export const AddDeviceSourceSchema = z.object({ deviceId: z.string().min(1) });
export type AddDeviceSource = z.infer<typeof AddDeviceSourceSchema>;
