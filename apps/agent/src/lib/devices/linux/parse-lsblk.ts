import { type Device, PLUGGABLE_TRANSPORTS, SYSTEM_MOUNTPOINTS, cleanText, toTransport } from '../device.js';
import { OutputFormatError } from '../errors.js';
import { type LsblkNode, LsblkOutputSchema } from './lsblk-schema.js';

/** Whole devices worth offering; partitions come as their children. */
const WHOLE_TYPES = new Set(['disk', 'loop', 'rom']);
/** Memory-backed disks (zram swap, ramdisks) and an eMMC's boot and RPMB areas are never sources. */
const SKIPPED_NAME = /^(zram\d+|ram\d+|mmcblk\d+(boot\d+|rpmb))$/;

function mountsOf(node: LsblkNode): string[] {
  const list = node.mountpoints ?? (node.mountpoint ? [node.mountpoint] : []);
  return [...new Set(list.filter((m): m is string => typeof m === 'string' && m !== ''))];
}

/** Mount points of a node and of everything stacked on it (LUKS, LVM, RAID members). */
function deepMounts(node: LsblkNode, depth = 0): string[] {
  if (depth > 16) return [];
  return [...mountsOf(node), ...(node.children ?? []).flatMap((child) => deepMounts(child, depth + 1))];
}

/** lsblk leaves TRAN empty for some buses; the kernel name tells them. */
function transportOf(node: LsblkNode, id: string) {
  const said = toTransport(cleanText(node.tran));
  if (said) return said;
  if (node.type === 'loop' || id.startsWith('loop')) return 'loop';
  if (id.startsWith('nvme')) return 'nvme';
  if (id.startsWith('mmcblk')) return 'mmc';
  if (/^vd[a-z]+$/.test(id)) return 'virtio';
  return undefined;
}

function filesystemOf(node: LsblkNode): Device['filesystem'] {
  const type = cleanText(node.fstype);
  const label = cleanText(node.label);
  const uuid = cleanText(node.uuid);
  if (!type && !label && !uuid) return undefined;
  return { ...(type && { type }), ...(label && { label }), ...(uuid && { uuid }) };
}

function toDevice(node: LsblkNode, parent: Device | undefined): Device {
  const id = cleanText(node.kname) ?? node.name;
  const transport = parent ? parent.transport : transportOf(node, id);
  const isSystem = deepMounts(node).some((m) => SYSTEM_MOUNTPOINTS.has(m));
  const device: Device = {
    id,
    path: cleanText(node.path) ?? `/dev/${id}`,
    kind: parent ? 'partition' : 'disk',
    ...(parent && { parent: parent.id }),
    ...(!parent && cleanText(node.model) && { model: cleanText(node.model) }),
    ...(!parent && cleanText(node.vendor) && { vendor: cleanText(node.vendor) }),
    ...(!parent && cleanText(node.serial) && { serial: cleanText(node.serial) }),
    sizeBytes: node.size ?? 0,
    sectorSize: node['log-sec'] ?? parent?.sectorSize ?? 512,
    removable: parent ? parent.removable : Boolean(node.rm || node.hotplug || (transport && PLUGGABLE_TRANSPORTS.has(transport))),
    ...(transport && { transport }),
    readOnly: Boolean(node.ro) || Boolean(parent?.readOnly),
    mountpoints: mountsOf(node),
    ...(filesystemOf(node) && { filesystem: filesystemOf(node) }),
    isSystem,
    ...(transport === 'loop' && !parent && { loop: {} }),
    partitions: [],
  };
  if (!parent) {
    device.partitions = (node.children ?? []).filter((child) => child.type === 'part').map((child) => toDevice(child, device));
  }
  return device;
}

/**
 * Disks (with their partitions) from lsblk's JSON. Memory disks are skipped; loop devices are
 * reported with transport 'loop'. Sizes are lsblk's (the kernel's, with --bytes); listLinuxDevices
 * cross-checks them with /sys.
 */
export function parseLsblk(output: string | unknown): Device[] {
  let json: unknown = output;
  if (typeof output === 'string') {
    try {
      json = JSON.parse(output);
    } catch (cause) {
      throw new OutputFormatError(`lsblk printed something that is not JSON: ${(cause as Error).message}`, { cause });
    }
  }
  const parsed = LsblkOutputSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new OutputFormatError(`lsblk's JSON has an unexpected shape at ${issue?.path.join('.') ?? '?'}: ${issue?.message ?? ''}`, {
      cause: parsed.error,
    });
  }
  return parsed.data.blockdevices
    .filter((node) => WHOLE_TYPES.has(node.type ?? 'disk') && !SKIPPED_NAME.test(cleanText(node.kname) ?? node.name))
    .map((node) => toDevice(node, undefined));
}
