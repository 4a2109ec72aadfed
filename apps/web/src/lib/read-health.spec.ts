import { describe, expect, it } from 'vitest';
import { readHealthView } from './read-health';

const progress = { bytesDone: 100, bytesTotal: 100, rateBytesPerSecond: 0, findingsByFormat: {} };

describe('what the scan page says about bad sectors', () => {
  it('says nothing when every sector read', () => {
    expect(readHealthView(progress, { kind: 'image' })).toBeUndefined();
    expect(readHealthView(undefined, { kind: 'device' })).toBeUndefined();
  });

  it('tells sectors from the imaging map apart from those met by this scan of the image', () => {
    const view = readHealthView({ ...progress, badSectors: 9, badSectorsFromMap: 7, unreadableBytes: 4608, readErrors: 2 }, { kind: 'image' })!;
    expect(view).toMatchObject({ badSectors: 9, fromMap: 7, imageFirst: false });
    expect(view.sentences[0]).toMatch(/^7 sectors could not be read from the device when it was imaged: the count comes from the imaging map\./);
    expect(view.sentences[1]).toMatch(/^2 sectors of this image could not be read here; the scan went on past them\./);
  });

  it('offers imaging for a device, and speaks of files for a folder and of bytes never copied for an unfinished image', () => {
    expect(readHealthView({ ...progress, badSectors: 1, unreadableBytes: 512 }, { kind: 'device' })?.imageFirst).toBe(true);
    expect(readHealthView({ ...progress, badSectors: 2, unreadableBytes: 9000, readErrors: 2 }, { kind: 'folder' })?.sentences).toEqual([
      '2 files of this folder could not be read and were left out: the drive that holds it may be failing.',
    ]);
    expect(readHealthView({ ...progress, unreadableBytes: 4096 }, { kind: 'image' })?.sentences).toEqual([
      '4.1 KB of the image were never copied from the device (its imaging did not finish): they are zeros in the image.',
    ]);
  });
});
