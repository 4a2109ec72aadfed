// Google Photos gives photos back without their location (=d keeps "all the Exif metadata except the
// location metadata"): what the adapter counts as a copy, against the emulator, which strips GPS as Google does.
import { createHash } from 'node:crypto';
import exifr from 'exifr';
import { bufferContent, GooglePhotosTarget, staticToken } from '@afterimage/cloud-adapters';
import { expectedOf, hashesOf, photoLike } from '@afterimage/cloud-adapters/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { cameraPhoto } from './camera-photo.js';
import { photosHarness } from './photos-harness.js';

const harness = photosHarness();
afterAll(() => harness.cleanup!());

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const count = async (path: string) => (await harness.emulator()).log.filter((r) => r.path === path).length;
const requests = async () => [await count('/v1/uploads'), await count('/v1/mediaItems:batchCreate')];
const itemsNamed = async (name: string) => [...(await harness.emulator()).state.items.values()].filter((i) => i.filename === name);
/** Another target on the same album, with nothing cached: what the next backup run makes. */
const sameAlbum = async (target: GooglePhotosTarget) => {
  const album = target.id.slice('google-photos:default:'.length);
  return new GooglePhotosTarget({ album, tokens: staticToken('emulator-token'), apiBase: (await harness.emulator()).url, retry: { baseDelayMs: 20 } });
};
/** The offset of a byte of entropy-coded data: just past the SOS segment's header. */
const scanByte = (bytes: Buffer) => {
  const sos = bytes.indexOf(Buffer.from([0xff, 0xda]));
  return sos + 2 + bytes.readUInt16BE(sos + 2) + 10;
};

describe('google-photos and the location Google leaves out of downloads', () => {
  it('google-photos: a geotagged JPEG is a verified copy without its location, and a second backup uploads nothing', async () => {
    const target = await harness.target();
    const photo = await cameraPhoto('jpeg', true, 3);
    const stored = await target.put('IMG_GPS.jpg', bufferContent(photo), expectedOf(photo));
    const noGps = hashesOf(photo, ['sha256-no-gps'])['sha256-no-gps'];
    expect(stored.hashes, 'checked without its location, so not vouched for by sha256').toEqual({ 'sha256-no-gps': noGps });

    // What Google (the emulator) hands back: that photo, shorter, without GPS; what it keeps is every byte sent.
    const [item] = await itemsNamed('IMG_GPS.jpg');
    expect(item!.bytes.equals(photo)).toBe(true);
    const download = Buffer.from(await (await fetch(`${(await harness.emulator()).url}/lr/${item!.id}=d`)).arrayBuffer());
    expect(download.length).toBe(stored.size);
    expect(stored.size).toBeLessThan(photo.length);
    expect(await exifr.gps(download)).toBeUndefined();
    expect(await exifr.parse(download)).toMatchObject({ Make: 'Afterimage', Model: 'Test Camera' });
    expect(await target.stat('IMG_GPS.jpg')).toMatchObject({ size: download.length, hashes: { sha256: sha256(download), 'sha256-no-gps': noGps } });

    const before = await requests();
    const again = await (await sameAlbum(target)).put('IMG_GPS.jpg', bufferContent(photo), expectedOf(photo));
    expect(again).toEqual(stored);
    expect(await requests(), 'uploads and batchCreates').toEqual(before);
    expect(await itemsNamed('IMG_GPS.jpg')).toHaveLength(1);
  });

  it('google-photos: a photo without GPS is checked byte for byte (sha256)', async () => {
    const target = await harness.target();
    const photo = await cameraPhoto('jpeg', false, 4);
    const stored = await target.put('IMG_NOGPS.jpg', bufferContent(photo), expectedOf(photo));
    expect(stored).toMatchObject({ size: photo.length, hashes: { sha256: sha256(photo), 'sha256-no-gps': hashesOf(photo, ['sha256-no-gps'])['sha256-no-gps'] } });
  });

  it('google-photos: a stored photo one scan byte off is not a copy: the put fails, and a later put uploads it again', async () => {
    const photo = await cameraPhoto('jpeg', true, 5);
    // The bytes reach Google one scan byte off (after the adapter checked what it sent).
    const corrupting: typeof fetch = async (input, init) => {
      if (String(input).endsWith('/v1/uploads') && init?.body instanceof Uint8Array) {
        const body = Buffer.from(init.body);
        body[scanByte(body)]! ^= 0x20;
        return fetch(input, { ...init, body });
      }
      return fetch(input, init);
    };
    const faulty = await harness.target(undefined, { fetch: corrupting });
    await expect(faulty.put('IMG_BAD.jpg', bufferContent(photo), expectedOf(photo))).rejects.toMatchObject({
      name: 'IntegrityError',
      message: expect.stringMatching(/nor that photo without its location.*cannot delete/),
    });
    const [bad] = await itemsNamed('IMG_BAD.jpg');
    expect(bad!.bytes.equals(photo)).toBe(false);

    const uploads = await count('/v1/uploads');
    const good = await (await sameAlbum(faulty)).put('IMG_BAD.jpg', bufferContent(photo), expectedOf(photo));
    expect(await count('/v1/uploads'), 'uploaded again').toBe(uploads + 1);
    expect(good.id).not.toBe(bad!.id);
    expect(good.hashes).toEqual({ 'sha256-no-gps': hashesOf(photo, ['sha256-no-gps'])['sha256-no-gps'] });

    // A store that changes a byte later (the item tampered with): that item no longer counts either.
    const item = (await itemsNamed('IMG_BAD.jpg')).find((i) => i.id === good.id)!;
    item.bytes = Buffer.from(item.bytes);
    item.bytes[scanByte(item.bytes)]! ^= 0x01;
    await (await sameAlbum(faulty)).put('IMG_BAD.jpg', bufferContent(photo), expectedOf(photo));
    expect(await count('/v1/uploads'), 'uploaded a third time').toBe(uploads + 2);
  });

  it('google-photos: refuses a video before sending a byte, saying why, and sends a photo by what its bytes are', async () => {
    const target = await harness.target();
    const emulator = await harness.emulator();
    // An MP4's first boxes: ftyp (brand mp42, compatible mp42 and isom), then a 16-byte mdat.
    const mp4 = Buffer.concat([Buffer.from('00000018667479706d703432000000006d70343269736f6d', 'hex'), Buffer.from('000000106d646174', 'hex'), Buffer.alloc(8, 1)]);
    const from = emulator.log.length;
    await expect(target.put('VID_0001.mp4', bufferContent(mp4), expectedOf(mp4))).rejects.toMatchObject({ name: 'UnsupportedError', message: expect.stringMatching(/is a video.*re-encoded/) });
    expect(emulator.log.length, 'no request at all').toBe(from);
    expect(target.limits.video).toMatch(/re-encoded copy.*another target\.$/);
    expect(target.limits.location).toMatch(/without their location.*other copies\.$/);

    const jpegNamedMp4 = photoLike(5_000, 9);
    await target.put('VID_0002.mp4', bufferContent(jpegNamedMp4), expectedOf(jpegNamedMp4));
    expect((await itemsNamed('VID_0002.mp4')).map((i) => i.mimeType)).toEqual(['image/jpeg']);
  });
});
