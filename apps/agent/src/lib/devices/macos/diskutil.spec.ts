import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Device, sortForDisplay } from '../device.js';
import { CommandError, OutputFormatError } from '../errors.js';
import type { RunCommand } from '../run-command.js';
import { listMacosDevices } from './list-macos.js';
import { diskutilIdentifiers, parseDiskutil } from './parse-diskutil.js';

const dir = join(import.meta.dirname, '../fixtures/macos');
const fixture = (name: string) => readFileSync(join(dir, name), 'utf8');
const list = fixture('diskutil-list.plist');
const infos = Object.fromEntries(['disk0', 'disk4', 'disk4s1', 'disk5'].map((id) => [id, fixture(`diskutil-info-${id}.plist`)]));
const byId = (devices: Device[], id: string) => devices.find((d) => d.id === id) as Device;

/** Plays back the recorded outputs as diskutil would print them; an identifier without a recording fails. */
const replay = (calls: string[]): RunCommand => async (file, args) => {
  calls.push([file, ...args].join(' '));
  if (args[0] === 'list') return { stdout: list, stderr: '' };
  const recorded = infos[args[2] as string];
  if (!recorded) throw new CommandError('COMMAND_FAILED', `Could not find disk: ${args[2]}`, 'diskutil', { exitCode: 1 });
  return { stdout: recorded, stderr: '' };
};

describe('diskutil on recorded (reconstructed) output', () => {
  it('lists physical disks and images, not APFS containers; the internal SSD is the system disk', () => {
    const devices = parseDiskutil(list, infos);
    expect(sortForDisplay(devices).map((d) => d.id)).toEqual(['disk4', 'disk5', 'disk0']);
    const ssd = byId(devices, 'disk0');
    expect(ssd).toMatchObject({ path: '/dev/disk0', model: 'APPLE SSD AP0512Q', sectorSize: 4096, sizeBytes: 500277790720, transport: 'pci', removable: false, isSystem: true });
    expect(ssd.partitions.map((p) => p.id)).toEqual(['disk0s1', 'disk0s2', 'disk0s3']);
    const store = ssd.partitions[1];
    expect(store).toMatchObject({ isSystem: true, filesystem: { type: 'apfs', label: 'Macintosh HD' }, sectorSize: 4096 });
    expect(store?.mountpoints).toEqual(expect.arrayContaining(['/', '/System/Volumes/Data']));
    expect(ssd.partitions[0]).toMatchObject({ isSystem: false, mountpoints: ['/System/Volumes/iSCPreboot', '/System/Volumes/xarts', '/System/Volumes/Hardware'] });
  });

  it('the USB card reader: removable, its model, the FAT32 camera card mounted under /Volumes', () => {
    const reader = byId(parseDiskutil(list, infos), 'disk4');
    expect(reader).toMatchObject({ model: 'Generic STORAGE DEVICE', sizeBytes: 31914983424, sectorSize: 512, removable: true, transport: 'usb', readOnly: false, isSystem: false });
    expect(reader.partitions).toEqual([
      {
        id: 'disk4s1', path: '/dev/disk4s1', kind: 'partition', parent: 'disk4', sizeBytes: 31910789120, sectorSize: 512, removable: true, transport: 'usb',
        readOnly: false, mountpoints: ['/Volumes/EOS_DIGITAL'], filesystem: { type: 'msdos', label: 'EOS_DIGITAL', uuid: '0F3B5D7A-9C1E-3F24-86A8-CAEC0E2F4A6B' },
        isSystem: false, partitions: [],
      },
    ]);
  });

  it('an attached read-only disk image is a disk-image, not removable; a partition without info keeps what the list said', () => {
    const image = byId(parseDiskutil(list, infos), 'disk5');
    expect(image).toMatchObject({ transport: 'disk-image', removable: false, readOnly: true });
    expect(image.partitions[0]).toMatchObject({ readOnly: true, mountpoints: ['/Volumes/Photos Archive'], filesystem: { label: 'Photos Archive' } });
  });

  it('listMacosDevices asks diskutil about every disk and partition and survives one that vanished', async () => {
    const calls: string[] = [];
    const devices = await listMacosDevices({ run: replay(calls) });
    expect(calls[0]).toBe('diskutil list -plist');
    expect(calls.slice(1)).toEqual(diskutilIdentifiers(list).map((id) => `diskutil info -plist ${id}`));
    expect(diskutilIdentifiers(list)).toEqual(['disk0', 'disk0s1', 'disk0s2', 'disk0s3', 'disk4', 'disk4s1', 'disk5', 'disk5s1']);
    expect(devices).toEqual(parseDiskutil(list, infos));
    expect(JSON.parse(JSON.stringify(devices))).toEqual(devices);
  });

  it('an older Mac: HFS+ mounted at / makes the disk the system disk; a locked SD card is read-only', () => {
    const old = `<plist version="1.0"><dict><key>AllDisksAndPartitions</key><array>
      <dict><key>Content</key><string>GUID_partition_scheme</string><key>DeviceIdentifier</key><string>disk0</string><key>Partitions</key><array>
        <dict><key>Content</key><string>Apple_HFS</string><key>DeviceIdentifier</key><string>disk0s2</string><key>MountPoint</key><string>/</string><key>Size</key><integer>42089095168</integer><key>VolumeName</key><string>OSX</string></dict>
      </array><key>Size</key><integer>42948853248</integer></dict>
      <dict><key>Content</key><string>FDisk_partition_scheme</string><key>DeviceIdentifier</key><string>disk2</string><key>Partitions</key><array/><key>Size</key><integer>7948206080</integer></dict>
    </array></dict></plist>`;
    const sd = `<plist version="1.0"><dict><key>BusProtocol</key><string>Secure Digital</string><key>Internal</key><true/><key>RemovableMedia</key><true/><key>WritableMedia</key><false/></dict></plist>`;
    const devices = parseDiskutil(old, { disk2: sd });
    expect(byId(devices, 'disk0')).toMatchObject({ isSystem: true, sizeBytes: 42948853248 });
    expect(byId(devices, 'disk2')).toMatchObject({ transport: 'sd', removable: true, readOnly: true, isSystem: false });
  });

  it('refuses output that is not a diskutil property list', async () => {
    expect(() => parseDiskutil('Unable to run because unable to use the DiskManagement framework.')).toThrow(OutputFormatError);
    expect(() => parseDiskutil('<plist version="1.0"><array/></plist>')).toThrow(/not a dictionary/);
  });
});
