import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Device } from '../device.js';
import { runCommand } from '../run-command.js';
import { listLinuxDevices } from './list-linux.js';
import { parseLsblk } from './parse-lsblk.js';
import { withSysfsFacts } from './sysfs.js';

const temp = mkdtempSync(join(tmpdir(), 'afterimage-devices-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

const has = (tool: string) => {
  try {
    execFileSync(tool, ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};
const sys = (name: string, attribute: string) => readFileSync(`/sys/class/block/${name}/${attribute}`, 'utf8').trim();
const all = (devices: Device[]) => devices.flatMap((d) => [d, ...d.partitions]);

/** The whole disk holding `/`, by its device number in /sys/dev/block, when this machine shows one. */
function rootDisk(): string | undefined {
  const { dev } = statSync('/');
  const link = `/sys/dev/block/${(dev >> 8) & 0xfff}:${(dev & 0xff) | ((dev >> 12) & 0xfff00)}`;
  if (!existsSync(link)) return undefined;
  const target = realpathSync(link);
  return existsSync(join(target, 'partition')) ? basename(dirname(target)) : basename(target);
}

describe.runIf(process.platform === 'linux')('listLinuxDevices on this machine', () => {
  it('lists what lsblk lists, with sizes, sector sizes and removable flags that agree with /sys', async (context) => {
    if (!has('lsblk')) return context.skip('lsblk (util-linux) is not installed here');
    // Loop devices come and go as other tools attach images: compared here are the others.
    const fixed = (names: string[]) => names.filter((name) => !/^(zram|ram|loop)\d+/.test(name)).sort();
    const devices = (await listLinuxDevices()).filter((d) => d.transport !== 'loop');
    const listed = JSON.parse(execFileSync('lsblk', ['--json', '--nodeps', '--output', 'KNAME'], { encoding: 'utf8' })) as { blockdevices: { kname: string }[] };
    expect(devices.map((d) => d.id).sort()).toEqual(fixed(listed.blockdevices.map((d) => d.kname)));
    for (const device of all(devices)) {
      expect(device.sizeBytes, device.id).toBe(Number(sys(device.id, 'size')) * 512);
      if (device.kind === 'disk') {
        expect(device.sectorSize, device.id).toBe(Number(sys(device.id, 'queue/logical_block_size')));
        if (sys(device.id, 'removable') === '1') expect(device.removable, device.id).toBe(true);
      }
      // The node may be absent in a container that sees the host's sysfs; its name is still the kernel's.
      expect(device.path, device.id).toMatch(/^\/dev\/\S+$/);
    }
    const root = rootDisk();
    if (root) expect(devices.find((d) => d.id === root)?.isSystem, `${root} holds /`).toBe(true);
  });

  it('reports an attached loop device with its backing file, read-only flag and partition', async (context) => {
    if (process.getuid?.() !== 0 || !has('losetup') || !has('sfdisk') || !has('partx')) return context.skip('needs root, losetup, partx and sfdisk');
    const image = join(temp, 'card.img');
    writeFileSync(image, Buffer.alloc(8 * 1024 * 1024));
    execFileSync('sfdisk', ['--quiet', image], { input: 'label: dos\nstart=2048, size=12288, type=c\n' });
    let loop: string;
    try {
      loop = execFileSync('losetup', ['--find', '--show', '--read-only', image], { encoding: 'utf8' }).trim();
    } catch (error) {
      return context.skip(`losetup cannot attach here: ${(error as Error).message}`);
    }
    try {
      // Tells the kernel of the partition itself (BLKPG): some kernels have no MBR parser for --partscan.
      execFileSync('partx', ['--add', loop]);
      const device = (await listLinuxDevices()).find((d) => d.path === loop);
      expect(device).toMatchObject({ kind: 'disk', transport: 'loop', readOnly: true, sizeBytes: 8 * 1024 * 1024, loop: { backingFile: image } });
      expect(device?.partitions.map((p) => [p.path, p.sizeBytes, p.parent])).toEqual([[`${loop}p1`, 12288 * 512, basename(loop)]]);
    } finally {
      // Partitions added by partx outlive the detach unless removed first.
      execFileSync('partx', ['--delete', loop], { stdio: 'ignore' });
      execFileSync('losetup', ['--detach', loop]);
    }
  });
});

describe('Linux discovery details', () => {
  it('prefers the kernel size in sysfs and its removable flag, and adds a loop backing file', async () => {
    const sysRoot = join(temp, 'sys');
    const put = (path: string, text: string) => {
      mkdirSync(dirname(join(sysRoot, path)), { recursive: true });
      writeFileSync(join(sysRoot, path), `${text}\n`);
    };
    // A card swapped for a bigger one after lsblk ran; a reader lsblk thought fixed.
    put('class/block/sdb/size', '124735488');
    put('class/block/sdb/removable', '1');
    put('class/block/sdb/queue/logical_block_size', '512');
    put('class/block/sdb1/size', '124727296');
    put('class/block/loop3/size', '16');
    put('class/block/loop3/loop/backing_file', '/home/anna/card.img');
    const [sdb, loop3] = parseLsblk(JSON.stringify({
      blockdevices: [
        { name: 'sdb', type: 'disk', size: 31914983424, rm: false, children: [{ name: 'sdb1', type: 'part', size: 31910789120 }] },
        { name: 'loop3', type: 'loop', size: 8192 },
      ],
    })) as [Device, Device];
    const card = await withSysfsFacts(sdb, sysRoot);
    expect(card).toMatchObject({ sizeBytes: 124735488 * 512, removable: true });
    expect(card.partitions[0]).toMatchObject({ sizeBytes: 124727296 * 512, removable: true });
    expect(await withSysfsFacts(loop3, sysRoot)).toMatchObject({ sizeBytes: 8192, loop: { backingFile: '/home/anna/card.img' } });
    // A name that could walk out of sysfs is not looked up.
    expect(await withSysfsFacts({ ...loop3, id: '../../etc' }, sysRoot)).toMatchObject({ sizeBytes: 8192 });
  });

  it('falls back to the basic columns when lsblk is too old for --output-all', async () => {
    const bin = join(temp, 'old-bin');
    mkdirSync(bin, { recursive: true });
    const basic = JSON.stringify({ blockdevices: [{ name: 'sda', type: 'disk', size: '8000000', rm: '1', mountpoint: null }] });
    writeFileSync(
      join(bin, 'lsblk'),
      `#!/bin/sh\ncase "$*" in *--output-all*) echo "lsblk: unrecognized option '--output-all'" >&2; exit 1;; esac\necho '${basic}'\n`,
      { mode: 0o755 },
    );
    const devices = await listLinuxDevices({ run: (file, args, options) => runCommand(join(bin, file), args, options), sysRoot: join(temp, 'no-sys') });
    expect(devices).toMatchObject([{ id: 'sda', sizeBytes: 8000000, removable: true }]);
  });
});
