import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Device, sortForDisplay } from '../device.js';
import { OutputFormatError } from '../errors.js';
import { parseLsblk } from './parse-lsblk.js';

const fixture = (name: string) => readFileSync(join(import.meta.dirname, '../fixtures/linux', name), 'utf8');
const byId = (devices: Device[], id: string) => devices.find((d) => d.id === id) as Device;

describe('parseLsblk on recorded outputs', () => {
  it('a USB card reader: the SD card with its one FAT32 partition, the empty slot, the SATA system disk', () => {
    const devices = parseLsblk(fixture('lsblk-2.38-usb-card-reader.json'));
    expect(sortForDisplay(devices).map((d) => d.id)).toEqual(['sdb', 'sdc', 'sda']);
    const card = byId(devices, 'sdb');
    expect(card).toMatchObject({
      path: '/dev/sdb', kind: 'disk', model: 'SD/MMC', vendor: 'Generic-', serial: '000000000819', sizeBytes: 31914983424,
      sectorSize: 512, removable: true, transport: 'usb', readOnly: false, mountpoints: [], isSystem: false,
    });
    expect(card.partitions).toEqual([
      {
        id: 'sdb1', path: '/dev/sdb1', kind: 'partition', parent: 'sdb', sizeBytes: 31910789120, sectorSize: 512, removable: true,
        transport: 'usb', readOnly: false, mountpoints: ['/media/anna/EOS_DIGITAL'],
        filesystem: { type: 'vfat', label: 'EOS_DIGITAL', uuid: '3A1B-2C4D' }, isSystem: false, partitions: [],
      },
    ]);
    expect(byId(devices, 'sdc')).toMatchObject({ sizeBytes: 0, removable: true, partitions: [] });
    const system = byId(devices, 'sda');
    expect(system).toMatchObject({ isSystem: true, removable: false, transport: 'sata', vendor: 'ATA', model: 'Samsung SSD 860 EVO 250GB' });
    expect(system.partitions.map((p) => [p.id, p.mountpoints, p.isSystem])).toEqual([['sda1', ['/boot/efi'], true], ['sda2', ['/'], true]]);
  });

  it('an NVMe system disk: root inside LUKS+LVM still marks the disk and its partition; loop kept, zram skipped', () => {
    const devices = parseLsblk(fixture('lsblk-2.38-nvme-system.json'));
    expect(devices.map((d) => d.id)).toEqual(['loop0', 'sr0', 'nvme0n1']);
    const nvme = byId(devices, 'nvme0n1');
    expect(nvme).toMatchObject({ isSystem: true, transport: 'nvme', removable: false, sizeBytes: 1000204886016, serial: 'S5GXNF0R123456A' });
    expect(nvme.partitions.map((p) => p.id)).toEqual(['nvme0n1p1', 'nvme0n1p2', 'nvme0n1p3']);
    expect(nvme.partitions[2]).toMatchObject({ isSystem: true, mountpoints: [], filesystem: { type: 'crypto_LUKS' } });
    expect(byId(devices, 'loop0')).toMatchObject({ transport: 'loop', readOnly: true, loop: {}, mountpoints: ['/snap/core22/1380'], isSystem: false });
    expect(byId(devices, 'sr0')).toMatchObject({ kind: 'disk', sectorSize: 2048, removable: true, sizeBytes: 0 });
  });

  it('an older lsblk: string values and MOUNTPOINT only; an SD card in a PCI reader counts as removable', () => {
    const devices = parseLsblk(fixture('lsblk-2.31-strings-mountpoint.json'));
    const stick = byId(devices, 'sdb');
    expect(stick).toMatchObject({ path: '/dev/sdb', sizeBytes: 15728640000, removable: true, model: 'Cruzer Blade', vendor: 'SanDisk' });
    expect(stick.partitions[0]).toMatchObject({ id: 'sdb1', path: '/dev/sdb1', mountpoints: ['/media/pi/STICK'], filesystem: { label: 'STICK' } });
    expect(byId(devices, 'sda')).toMatchObject({ isSystem: true, removable: false, sizeBytes: 500107862016 });
    expect(byId(devices, 'sda').partitions.map((p) => p.id)).toEqual(['sda1', 'sda2', 'sda5']);
    expect(byId(devices, 'mmcblk0')).toMatchObject({ transport: 'mmc', removable: true, isSystem: false });
  });

  it('the output captured on the development VM: a virtio disk mounted at / directly', () => {
    const devices = parseLsblk(fixture('lsblk-2.38-virtio-vm.json'));
    expect(devices).toHaveLength(1);
    expect(devices[0]).toMatchObject({ id: 'vda', transport: 'virtio', mountpoints: ['/'], isSystem: true, partitions: [] });
  });

  it('gives plain JSON: what it returns survives a JSON round trip unchanged', () => {
    for (const name of ['lsblk-2.38-usb-card-reader.json', 'lsblk-2.38-nvme-system.json', 'lsblk-2.31-strings-mountpoint.json']) {
      const devices = parseLsblk(fixture(name));
      expect(JSON.parse(JSON.stringify(devices))).toEqual(devices);
    }
  });

  it('accepts missing columns, refuses output it cannot read', () => {
    expect(parseLsblk('{"blockdevices":[{"name":"sdz"}]}')).toEqual([
      { id: 'sdz', path: '/dev/sdz', kind: 'disk', sizeBytes: 0, sectorSize: 512, removable: false, readOnly: false, mountpoints: [], isSystem: false, partitions: [] },
    ]);
    expect(() => parseLsblk('lsblk: failed to access sysfs directory')).toThrow(OutputFormatError);
    expect(() => parseLsblk('{"blockdevices":[{"name":"sda","size":"931.5G"}]}')).toThrow(/blockdevices\.0\.size/);
    expect(() => parseLsblk('{"devices":[]}')).toThrow(OutputFormatError);
  });
});
