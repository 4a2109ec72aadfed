// The truth of the benchmark: the real photos and videos of a folder, read once, deduplicated by sha256.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative } from 'node:path';
import { fileTypeFromBuffer } from 'file-type';

const SKIP = new Set(['readme.md', 'manifest.tsv', '.ds_store']);

/**
 * Every media file under `dir` (recursively; notes and manifests skipped), once per distinct content:
 * `{ path, name, data, sha256, type }`, type = what file-type says (its extension), else the name's.
 */
export async function loadPhotos(dir) {
  const paths = readdirSync(dir, { recursive: true })
    .map((p) => join(dir, String(p)))
    .filter((p) => statSync(p).isFile() && !SKIP.has(p.split('/').pop().toLowerCase()))
    .sort();
  const seen = new Set();
  const photos = [];
  for (const path of paths) {
    const data = readFileSync(path);
    if (data.length === 0) continue;
    const sha256 = createHash('sha256').update(data).digest('hex');
    if (seen.has(sha256)) continue;
    seen.add(sha256);
    const detected = await fileTypeFromBuffer(data.subarray(0, 64 * 1024)).catch(() => undefined);
    const type = detected?.ext ?? extname(path).slice(1).toLowerCase();
    photos.push({ path, name: relative(dir, path), data, sha256, type });
  }
  return photos;
}
