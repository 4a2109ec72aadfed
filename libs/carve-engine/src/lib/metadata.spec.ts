import { describe, expect, it } from 'vitest';
import { CAMERA_EXIF, renderJpeg, withExifThumbnail } from '../testing/jpeg-fixtures.js';
import { randomBytes } from '../testing/random.js';
import { embeddedThumbnail, readMetadata } from './metadata.js';

describe('readMetadata', () => {
  it('reads make, model, date, lens, orientation and GPS', async () => {
    const read = await readMetadata(await renderJpeg({ exif: CAMERA_EXIF }));
    expect(read.reasons).toEqual([]);
    expect(read.hasThumbnail).toBe(false);
    expect(read.metadata).toMatchObject({ make: 'Afterimage', model: 'TestCam', takenAt: '2023-07-14T09:26:53+02:00', lens: 'Test Lens 35mm', orientation: 1 });
  });

  it('gives no metadata and no reason for a JPEG without EXIF', async () => {
    expect(await readMetadata(await renderJpeg())).toEqual({ metadata: {}, hasThumbnail: false, reasons: [] });
  });

  it('sees an embedded thumbnail', async () => {
    const read = await readMetadata(withExifThumbnail(await renderJpeg(), await renderJpeg({ width: 32, height: 24 })));
    expect(read.hasThumbnail).toBe(true);
    expect(read.metadata).toMatchObject({ make: 'Afterimage', model: 'ThumbCam' });
  });

  it('turns an exifr failure into a reason, not an exception', async () => {
    const junk = await readMetadata(randomBytes(500, 1));
    expect(junk.metadata).toEqual({});
    // A type exifr has no reader for (video, CR3, random bytes) has no metadata; that is no damage.
    expect(junk.reasons).toEqual([]);
    const cut = await readMetadata((await renderJpeg({ exif: CAMERA_EXIF })).subarray(0, 40));
    expect(cut.reasons[0]).toMatch(/^metadata/);
  });
});

describe('embeddedThumbnail', () => {
  it('gives the IFD1 thumbnail as bytes of its own, whatever later happens to the head it came from', async () => {
    const small = await renderJpeg({ width: 32, height: 24 });
    const head = withExifThumbnail(await renderJpeg(), small);
    const thumbnail = await embeddedThumbnail(head);
    expect(thumbnail?.equals(small)).toBe(true);
    // A scan's head can be a view of a chunk it reuses for the next bytes of the disk.
    head.fill(0);
    expect(thumbnail?.equals(small)).toBe(true);
  });

  it('gives nothing for a JPEG without one, or for bytes exifr cannot read', async () => {
    expect(await embeddedThumbnail(await renderJpeg({ exif: CAMERA_EXIF }))).toBeUndefined();
    expect(await embeddedThumbnail(randomBytes(500, 2))).toBeUndefined();
  });
});
