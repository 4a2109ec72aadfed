import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type Device, cleanText } from '../device.js';

/** What /sys/class/block/<name> says of a block device; a missing attribute is undefined. */
export interface SysBlockFacts {
  sizeBytes?: number;
  sectorSize?: number;
  removable?: boolean;
  readOnly?: boolean;
  model?: string;
  vendor?: string;
  serial?: string;
  backingFile?: string;
}

/** A kernel block device name: no slashes, no dot-dot, nothing that could walk out of /sys. */
const KERNEL_NAME = /^[A-Za-z0-9][A-Za-z0-9_.:+@-]*$/;

async function attribute(dir: string, relative: string): Promise<string | undefined> {
  // sysfs attributes are one line, a page at most; read no more than that.
  const text = await readFile(join(dir, relative), 'utf8').catch(() => undefined);
  return text === undefined ? undefined : cleanText(text.slice(0, 4096));
}

function unsigned(text: string | undefined): number | undefined {
  if (text === undefined || !/^\d+$/.test(text)) return undefined;
  const value = Number(text);
  return Number.isSafeInteger(value) ? value : undefined;
}

/** Reads the facts of one block device from sysfs (`sysRoot` is /sys, or a copy in tests). */
export async function readSysBlock(name: string, sysRoot = '/sys'): Promise<SysBlockFacts | undefined> {
  if (!KERNEL_NAME.test(name) || name.includes('..')) return undefined;
  const dir = join(sysRoot, 'class', 'block', name);
  const sectors = unsigned(await attribute(dir, 'size'));
  if (sectors === undefined) return undefined;
  const flag = async (relative: string) => {
    const value = await attribute(dir, relative);
    return value === undefined ? undefined : value === '1';
  };
  const facts: SysBlockFacts = {
    // The size attribute counts 512-byte units whatever the device's sector size.
    sizeBytes: sectors <= Number.MAX_SAFE_INTEGER / 512 ? sectors * 512 : undefined,
    sectorSize: unsigned(await attribute(dir, 'queue/logical_block_size')),
    removable: await flag('removable'),
    readOnly: await flag('ro'),
    model: await attribute(dir, 'device/model'),
    vendor: await attribute(dir, 'device/vendor'),
    serial: (await attribute(dir, 'serial')) ?? (await attribute(dir, 'device/serial')),
    backingFile: await attribute(dir, 'loop/backing_file'),
  };
  return Object.fromEntries(Object.entries(facts).filter(([, value]) => value !== undefined)) as SysBlockFacts;
}

/**
 * Cross-checks a device with sysfs: the size, sector size and read-only flag are the kernel's
 * (sysfs is what lsblk reads too, but now, not a moment ago); removable if either says so; model,
 * vendor and serial filled in where lsblk had none; a loop device's backing file added.
 */
export async function withSysfsFacts(device: Device, sysRoot = '/sys'): Promise<Device> {
  const facts = await readSysBlock(device.id, sysRoot);
  const partitions = await Promise.all(device.partitions.map((p) => withSysfsFacts(p, sysRoot)));
  if (!facts) return { ...device, partitions };
  const whole = device.kind === 'disk';
  const removable = device.removable || (whole && facts.removable === true);
  return {
    ...device,
    ...(whole && !device.model && facts.model && { model: facts.model }),
    ...(whole && !device.vendor && facts.vendor && { vendor: facts.vendor }),
    ...(whole && !device.serial && facts.serial && { serial: facts.serial }),
    sizeBytes: facts.sizeBytes ?? device.sizeBytes,
    sectorSize: facts.sectorSize ?? device.sectorSize,
    removable,
    readOnly: device.readOnly || facts.readOnly === true,
    ...(device.loop && { loop: { ...device.loop, ...(facts.backingFile && { backingFile: facts.backingFile }) } }),
    // A partition is as removable as its disk.
    partitions: partitions.map((p) => ({ ...p, removable })),
  };
}
