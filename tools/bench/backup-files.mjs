// The files the `backups` section backs up: `count` distinct files made from the real photos. Each is a
// photo's bytes followed by a short tag ("\nafterimage-bench #00001\n"), so a photo used again makes a new
// file; the sha256 is of the tagged bytes. Photos over 12 MiB are left out. Names are flat
// (IMG_00001.jpg, the extension from the photo's type): Google Photos keeps flat names, and every target
// gets the same paths. Nothing is copied: a file is a view of its photo plus its tag.
import { createHash } from 'node:crypto';

export const MAX_PHOTO_BYTES = 12 * 1024 * 1024;
const CHUNK = 1 << 20;

/** A ContentSource (libs/cloud-adapters content.ts) over `parts` laid end to end, at most 1 MiB a chunk. */
function partsContent(parts, size) {
  return {
    size,
    async *read(start = 0, end = size) {
      let base = 0;
      for (const part of parts) {
        const from = Math.max(start, base);
        const to = Math.min(end, base + part.length);
        for (let at = from; at < to; at += CHUNK) yield part.subarray(at - base, Math.min(to, at + CHUNK) - base);
        base += part.length;
      }
    },
  };
}

/**
 * `count` files from `photos` (loadPhotos: { name, data, sha256, type }), cycled in their order. Each:
 * { path, size, sha256, photo (its source's name), content() → a fresh ContentSource }.
 */
export function makeBackupFiles(photos, count) {
  const usable = photos.filter((p) => p.data.length > 0 && p.data.length <= MAX_PHOTO_BYTES);
  if (usable.length === 0) throw new Error(`no photo of at most ${MAX_PHOTO_BYTES} bytes to back up`);
  const files = [];
  for (let i = 0; i < count; i++) {
    const photo = usable[i % usable.length];
    const number = String(i + 1).padStart(5, '0');
    const tag = Buffer.from(`\nafterimage-bench #${number}\n`);
    const parts = [photo.data, tag];
    const size = photo.data.length + tag.length;
    const sha256 = createHash('sha256').update(photo.data).update(tag).digest('hex');
    const ext = (photo.type || 'bin').toLowerCase().replace(/[^a-z0-9]/g, '') || 'bin';
    files.push({ path: `IMG_${number}.${ext}`, size, sha256, photo: photo.name, content: () => partsContent(parts, size) });
  }
  return { files, photosUsed: Math.min(usable.length, count), skipped: photos.length - usable.length, bytes: files.reduce((s, f) => s + f.size, 0) };
}
