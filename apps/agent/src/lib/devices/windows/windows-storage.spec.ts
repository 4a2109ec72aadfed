import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Device, sortForDisplay } from '../device.js';
import { OutputFormatError } from '../errors.js';
import { listWindowsDevices, powershellArgs, STORAGE_SCRIPT } from './list-windows.js';
import { parseWindowsStorage, type WindowsStorageJson } from './parse-storage.js';

const recorded = (folder: string): WindowsStorageJson => {
  const read = (name: string) => readFileSync(join(import.meta.dirname, '../fixtures/windows', folder, name), 'utf8');
  return { disks: read('get-disk.json'), partitions: read('get-partition.json'), volumes: read('get-volume.json') };
};
const byId = (devices: Device[], id: string) => devices.find((d) => d.id === id) as Device;

describe('Windows storage cmdlets on recorded (reconstructed) output', () => {
  it('a laptop: the NVMe system disk and a USB SD reader whose card is E:', () => {
    const devices = parseWindowsStorage(recorded('laptop-usb-card'));
    expect(sortForDisplay(devices).map((d) => d.path)).toEqual(['\\\\.\\PHYSICALDRIVE1', '\\\\.\\PHYSICALDRIVE0']);
    const reader = byId(devices, 'PhysicalDrive1');
    expect(reader).toMatchObject({
      kind: 'disk', model: 'SD/MMC', vendor: 'Generic-', serial: '000000000819', sizeBytes: 31914983424, sectorSize: 512,
      removable: true, transport: 'usb', readOnly: false, isSystem: false,
    });
    expect(reader.partitions).toEqual([
      {
        id: 'Harddisk1Partition1', path: '\\\\?\\GLOBALROOT\\Device\\Harddisk1\\Partition1', kind: 'partition', parent: 'PhysicalDrive1',
        sizeBytes: 31910789120, sectorSize: 512, removable: true, transport: 'usb', readOnly: false, mountpoints: ['E:\\'],
        filesystem: { type: 'FAT32', label: 'EOS_DIGITAL' }, isSystem: false, partitions: [],
      },
    ]);
    const system = byId(devices, 'PhysicalDrive0');
    expect(system).toMatchObject({ transport: 'nvme', removable: false, isSystem: true, serial: '0025_38B1_2152_1A3C', model: 'Samsung SSD 980 500GB' });
    expect(system.partitions.map((p) => [p.id, p.mountpoints, p.isSystem, p.filesystem?.type])).toEqual([
      ['Harddisk0Partition1', [], true, 'FAT32'],
      ['Harddisk0Partition2', [], false, undefined],
      ['Harddisk0Partition3', ['C:\\'], true, 'NTFS'],
      ['Harddisk0Partition4', [], false, 'NTFS'],
    ]);
  });

  it('a desktop with one disk: single objects instead of arrays, BusType as a string', () => {
    const [disk, ...rest] = parseWindowsStorage(recorded('desktop-single-disk'));
    expect(rest).toEqual([]);
    expect(disk).toMatchObject({ id: 'PhysicalDrive0', transport: 'sata', serial: 'WD-WCC6Y1234567', isSystem: true, removable: false, sizeBytes: 1000204886016 });
    expect(disk?.partitions).toMatchObject([{ mountpoints: ['C:\\'], isSystem: true, filesystem: { type: 'NTFS' } }]);
  });

  it('tolerates no partitions or volumes at all, drive letters as character codes, bus types as digit strings', () => {
    expect(parseWindowsStorage({ disks: '{"Number":3,"BusType":"12","Size":"64021856256"}', partitions: '', volumes: null })).toMatchObject([
      { id: 'PhysicalDrive3', transport: 'sd', removable: true, sizeBytes: 64021856256, partitions: [] },
    ]);
    const devices = parseWindowsStorage({
      disks: [{ Number: 2, BusType: 'File Backed Virtual', IsReadOnly: true }],
      partitions: { DiskNumber: 2, PartitionNumber: 1, DriveLetter: 70, Size: 1024 },
      volumes: { DriveLetter: 'F', FileSystem: 'exFAT', FileSystemLabel: 'CARD' },
    });
    expect(devices[0]).toMatchObject({ transport: 'disk-image', readOnly: true, removable: false });
    expect(devices[0]?.partitions[0]).toMatchObject({ mountpoints: ['F:\\'], readOnly: true, filesystem: { type: 'exFAT', label: 'CARD' } });
  });

  it('runs one PowerShell script and reads its combined JSON; refuses output it cannot read', async () => {
    const laptop = recorded('laptop-usb-card');
    const combined = JSON.stringify({ disks: JSON.parse(laptop.disks as string), partitions: JSON.parse(laptop.partitions as string), volumes: [] });
    const calls: string[][] = [];
    const devices = await listWindowsDevices({ run: async (file, args) => (calls.push([file, ...args]), { stdout: `\uFEFF${combined}`, stderr: '' }) });
    expect(calls[0]?.[0]).toBe('powershell.exe');
    expect(Buffer.from(calls[0]?.at(-1) as string, 'base64').toString('utf16le')).toBe(STORAGE_SCRIPT);
    expect(devices.map((d) => d.id)).toEqual(['PhysicalDrive0', 'PhysicalDrive1']);
    expect(powershellArgs()).toContain('-NonInteractive');
    await expect(listWindowsDevices({ run: async () => ({ stdout: 'Get-Disk : Access denied', stderr: '' }) })).rejects.toBeInstanceOf(OutputFormatError);
    await expect(listWindowsDevices({ run: async () => ({ stdout: '[1,2]', stderr: '' }) })).rejects.toThrow(/without the list of disks/);
  });
});
