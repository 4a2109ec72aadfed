import { expect } from 'vitest';
import { canPreviewTrash, canRemove, canTrash } from '../lib/backup-target.js';
import type { ConformanceContext } from './conformance-context.js';
import { collect, countingSource, expectedOf, looksLikeImage, photoLike, smallJpeg } from './helpers.js';

const SENTENCE = /\w+ \w+ \w+/;
const MAX_BYTES = 4 * 1024 * 1024;

/**
 * Previews of what is in the trash: a removed photo gives image bytes within `maxBytes` (a provider's
 * thumbnail or the photo itself), a file that is no image gives none, a limit smaller than the image
 * stops the read with TooLargeError, and the photo is still in the trash afterwards. A target that has
 * a trash but cannot preview it says why in `limits.preview`.
 */
export function trashPreviewConformance(ctx: ConformanceContext): void {
  ctx.test('trashPreview', async () => {
    const target = await ctx.fresh();
    if (!canTrash(target)) {
      expect(target.limits.trash, 'limits.trash').toMatch(SENTENCE);
      return;
    }
    if (!canPreviewTrash(target)) {
      expect(target.limits.preview, 'limits.preview').toMatch(SENTENCE);
      return;
    }
    if (!canRemove(target)) {
      // Nothing can be put into the trash through this target to preview.
      expect(target.limits.remove, 'limits.remove').toMatch(SENTENCE);
      return;
    }
    const photoPath = ctx.path('photos/IMG_0102.jpg');
    const otherPath = ctx.path('photos/notes-0102.bin');
    const photo = smallJpeg();
    const other = photoLike(9_000, 102).subarray(4);
    await target.put(photoPath, countingSource(photo), expectedOf(photo));
    await target.put(otherPath, countingSource(other), expectedOf(other));
    await target.remove(photoPath);
    await target.remove(otherPath);
    const trashed = await collect(target.listTrash());
    const photoItem = trashed.find((item) => item.name === 'IMG_0102.jpg');
    const otherItem = trashed.find((item) => item.name === 'notes-0102.bin');
    expect(photoItem, 'the photo in the trash').toBeDefined();
    expect(otherItem, 'the other file in the trash').toBeDefined();
    if (!photoItem || !otherItem) return;

    const preview = await target.previewTrashed(photoItem, { maxBytes: MAX_BYTES, edge: 256 });
    expect(preview, 'a preview of the photo').not.toBeNull();
    const bytes = preview?.bytes ?? Buffer.alloc(0);
    expect(bytes.length).toBeGreaterThan(0);
    expect(bytes.length).toBeLessThanOrEqual(MAX_BYTES);
    expect(looksLikeImage(bytes), 'image bytes').toBe(true);
    expect(['thumbnail', 'original']).toContain(preview?.kind);

    expect(await target.previewTrashed(otherItem, { maxBytes: MAX_BYTES }), 'no preview of a file that is no image').toBeNull();
    await expect(target.previewTrashed(photoItem, { maxBytes: 16 })).rejects.toMatchObject({ name: 'TooLargeError' });

    // A preview reads; it puts nothing back.
    expect(await target.stat(photoPath)).toBeNull();
    expect((await collect(target.listTrash())).map((item) => item.name)).toContain('IMG_0102.jpg');
  });
}
