import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CommandError, DeviceError } from './errors.js';
import { findDevice, flattenDevices, listDevices } from './list-devices.js';
import { runCommand } from './run-command.js';

const temp = mkdtempSync(join(tmpdir(), 'afterimage-list-devices-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));
const fixtures = join(import.meta.dirname, 'fixtures');

describe('listDevices', () => {
  it.runIf(process.platform === 'linux')('on this machine: what lsblk shows, removable first and the system disk last', async (context) => {
    try {
      execFileSync('lsblk', ['--version'], { stdio: 'ignore' });
    } catch {
      return context.skip('lsblk is not installed here');
    }
    const devices = await listDevices();
    const ranks = devices.map((d) => (d.isSystem ? 2 : d.removable ? 0 : 1));
    expect(ranks).toEqual([...ranks].sort());
    for (const device of flattenDevices(devices)) expect(findDevice(devices, device.path)).toBe(device);
  });

  it('uses diskutil for darwin, one list then one info per disk and partition', async () => {
    const calls: string[] = [];
    const devices = await listDevices({
      platform: 'darwin',
      run: async (file, args) => {
        calls.push(`${file} ${args.join(' ')}`);
        const name = args[0] === 'list' ? 'diskutil-list.plist' : `diskutil-info-${args[2]}.plist`;
        try {
          return { stdout: readFileSync(join(fixtures, 'macos', name), 'utf8'), stderr: '' };
        } catch {
          throw new CommandError('COMMAND_FAILED', `Could not find disk: ${args[2]}`, 'diskutil');
        }
      },
    });
    expect(calls[0]).toBe('diskutil list -plist');
    expect(devices.map((d) => d.id)).toEqual(['disk4', 'disk5', 'disk0']);
  });

  it('uses PowerShell for win32', async () => {
    const read = (name: string) => JSON.parse(readFileSync(join(fixtures, 'windows/laptop-usb-card', name), 'utf8')) as unknown;
    const stdout = JSON.stringify({ disks: read('get-disk.json'), partitions: read('get-partition.json'), volumes: read('get-volume.json') });
    const devices = await listDevices({ platform: 'win32', run: async () => ({ stdout, stderr: '' }) });
    expect(devices.map((d) => [d.id, d.removable, d.isSystem])).toEqual([['PhysicalDrive1', true, false], ['PhysicalDrive0', false, true]]);
  });

  it('says plainly when the OS has no way to list disks', async () => {
    const listing = listDevices({ platform: 'aix' });
    await expect(listing).rejects.toBeInstanceOf(DeviceError);
    await expect(listing).rejects.toMatchObject({ code: 'UNSUPPORTED', message: expect.stringContaining('open a disk image file instead') });
  });

  it.runIf(process.platform !== 'win32')('a failing tool gives a CommandError carrying what it printed on stderr', async () => {
    const tool = join(temp, 'lsblk');
    writeFileSync(tool, '#!/bin/sh\necho "lsblk: failed to access sysfs directory: /sys/dev/block: No such file or directory" >&2\nexit 32\n', { mode: 0o755 });
    const listing = listDevices({ platform: 'linux', run: (_file, args, options) => runCommand(tool, args, options) });
    await expect(listing).rejects.toMatchObject({ code: 'COMMAND_FAILED', detail: { exitCode: 32 } });
    await expect(listing).rejects.toThrow(/failed to access sysfs directory/);
  });
});
