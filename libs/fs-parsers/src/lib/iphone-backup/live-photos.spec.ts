import { describe, expect, it } from 'vitest';
import type { ListedMedia } from './camera-roll.js';
import { pairLivePhotos } from './live-photos.js';
import type { PhotoAsset } from './photos-db.js';

const item = (storedName: string, kind: 'photo' | 'video', asset?: Partial<PhotoAsset>, name = storedName): ListedMedia => ({
  media: { fileId: storedName, domain: 'CameraRollDomain', relativePath: `Media/DCIM/100APPLE/${storedName}`, name, storedName, kind, size: 1, readable: true, times: {}, notes: [] },
  ...(asset ? { asset: { trashed: false, ...asset } } : {}),
});

describe('Live Photo pairs', () => {
  it('pairs a Live Photo still with its movie, which takes the still name, capture time and Recently Deleted state', () => {
    const still = item('IMG_0007.HEIC', 'photo', { kindSubtype: 2, trashed: true }, 'Sunset.heic');
    still.media.times.createdAt = '2024-01-01T10:00:00.000Z';
    still.media.trashed = { at: '2024-02-01T00:00:00.000Z', purgeAt: '2024-03-02T00:00:00.000Z' };
    const [photo, movie] = [...pairLivePhotos([still, item('IMG_0007.MOV', 'video')])];
    expect(photo?.livePhotoPair).toBe('Media/DCIM/100APPLE/IMG_0007.MOV');
    expect(movie).toMatchObject({
      name: 'Sunset.MOV',
      livePhotoPair: 'Media/DCIM/100APPLE/IMG_0007.HEIC',
      times: { createdAt: '2024-01-01T10:00:00.000Z' },
      trashed: still.media.trashed,
    });
  });

  it('does not pair a plain video that has its own asset with a still that is not a Live Photo', () => {
    const media = [...pairLivePhotos([item('IMG_0008.JPG', 'photo', { kindSubtype: 0 }), item('IMG_0008.MOV', 'video', { kind: 1 })])];
    expect(media.map((m) => m.livePhotoPair)).toEqual([undefined, undefined]);
  });

  it('notes a Live Photo whose movie is missing, and leaves lone files alone', () => {
    const media = [...pairLivePhotos([item('IMG_0009.HEIC', 'photo', { kindSubtype: 2 }), item('IMG_0010.MOV', 'video')])];
    expect(media[0]?.notes).toEqual(['Photos.sqlite marks it a Live Photo, but its movie (.MOV) is not in the backup']);
    expect(media.map((m) => m.livePhotoPair)).toEqual([undefined, undefined]);
  });
});
