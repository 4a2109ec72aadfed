import type { Device } from '@afterimage/contracts';
import { describe, expect, it } from 'vitest';
import { deviceName, deviceNotes, sortDevices, transportLabel } from './device-notes';

const disk = (over: Partial<Device>): Device => ({
  id: 'sdb',
  path: '/dev/sdb',
  kind: 'disk',
  sizeBytes: 64e9,
  sectorSize: 512,
  removable: false,
  readOnly: false,
  mountpoints: [],
  isSystem: false,
  partitions: [],
  ...over,
});

describe('device notes', () => {
  it('names a disk by vendor and model, skipping a numeric vendor id', () => {
    expect(deviceName(disk({ vendor: 'SanDisk', model: 'Extreme' }))).toBe('SanDisk Extreme');
    expect(deviceName(disk({ vendor: 'Generic', model: 'Generic STORAGE DEVICE' }))).toBe('Generic STORAGE DEVICE');
    expect(deviceName(disk({ vendor: '0x1af4' }))).toBe('sdb');
    expect(transportLabel(disk({ transport: 'usb' }))).toBe('USB');
  });

  it('warns about the system disk and about a mounted card, and says when a reader is empty', () => {
    expect(deviceNotes(disk({ isSystem: true, mountpoints: ['/'] }))[0]?.text).toMatch(/This computer runs from this disk/);
    const card = disk({ removable: true, partitions: [disk({ id: 'sdb1', kind: 'partition', mountpoints: ['/media/me/CANON'] })] });
    expect(deviceNotes(card)[0]).toEqual({ tone: 'warn', text: expect.stringContaining('/media/me/CANON') });
    expect(deviceNotes(disk({ sizeBytes: 0 }))[0]?.text).toMatch(/No card/);
    expect(deviceNotes(disk({}))).toEqual([]);
  });

  it('puts removable disks first and the system disk last', () => {
    const sorted = sortDevices([disk({ id: 'sys', isSystem: true }), disk({ id: 'hdd' }), disk({ id: 'card', removable: true })]);
    expect(sorted.map((d) => d.id)).toEqual(['card', 'hdd', 'sys']);
  });
});
