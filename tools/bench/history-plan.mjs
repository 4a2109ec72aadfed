// The camera-card history every filesystem goes through, as steps over camera-named photos. Files are
// written one at a time by a first-fit allocator (cards.mjs), so a later shot takes the lowest freed
// clusters: it overwrites deleted photos (wholly or partly) and is itself split over the holes.
//
//   shoot        ~50 % of the photos' bytes into DCIM/<folder>/IMG_0001.JPG… (the real extension kept)
//   delete       every third of them
//   shoot again  ~8 % more: they fill the lowest holes, overwriting some of the deleted photos
//   fragment     delete the two smallest photos of the first shoot, write two of the largest photos not
//                yet used (each fills a hole and continues elsewhere), delete the first of those
//   delete       every fourth photo still live (nothing is written after this: they stay intact)
// The rest of the photos are not used on that card (another seed puts others on the next card).
// A volume that is written once and then edited (HFS+: xorriso, then hfsplus-edit.mjs) instead has
//   shoot, delete every third (alternately as macOS does, zeroing what the records leave behind, and
//   as Linux did, leaving it in the node's slack), fragment (two photos of 40–160 KB rewritten as
//   one-block extents over every other free block: they overwrite the lowest deleted photos),
//   delete the first of them, delete every fourth live photo.
import { extname } from 'node:path';
import { seededRandom } from '../lib/seeded-random.mjs';

/** The camera's extension for a photo: its own, upper case (.jpeg → .JPG, .tiff → .TIF), else its type's. */
export function cameraExtension(photo) {
  const own = extname(photo.path).slice(1).toUpperCase() || String(photo.type).toUpperCase();
  return { JPEG: 'JPG', TIFF: 'TIF', HEIF: 'HEIC' }[own] ?? own;
}

function shuffled(items, seed) {
  const random = seededRandom(seed);
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/**
 * Steps: { op: 'write' | 'delete' | 'fragment' | 'quickformat', label, files, leaveSlack? }. Each
 * file: { id, photo, dir, name, path }. `quickFormat: true` adds a final quick format; `editOnly:
 * true` gives the written-once history above (leaveSlack: the ids to delete leaving slack).
 */
export function planHistory(photos, { seed, folder, quickFormat = false, editOnly = false }) {
  const order = shuffled(photos, seed);
  const total = order.reduce((s, p) => s + p.data.length, 0);
  let next = 0;
  let number = 0;
  const dir = `DCIM/${folder}`;
  const make = (photo) => {
    const name = `IMG_${String(++number).padStart(4, '0')}.${cameraExtension(photo)}`;
    return { id: number, photo, dir, name, path: `${dir}/${name}` };
  };
  const take = (fraction) => {
    const files = [];
    for (let bytes = 0; next < order.length && bytes < total * fraction; next++) {
      files.push(make(order[next]));
      bytes += order[next].data.length;
    }
    return files;
  };
  const steps = [];
  const live = new Set();
  const write = (label, files) => {
    steps.push({ op: 'write', label, files });
    for (const f of files) live.add(f);
  };
  const remove = (label, files, leaveSlack) => {
    steps.push({ op: 'delete', label, files, ...(leaveSlack ? { leaveSlack: new Set(leaveSlack.map((f) => f.id)) } : {}) });
    for (const f of files) live.delete(f);
  };

  const first = take(0.5);
  write('shoot', first);
  const third = first.filter((_, i) => i % 3 === 1);
  const alternate = (files) => files.filter((_, i) => i % 2 === 1);
  if (editOnly) {
    remove('delete every third', third, alternate(third));
    const sized = [...live].filter((f) => f.photo.data.length >= 40e3 && f.photo.data.length <= 160e3).sort((a, b) => b.photo.data.length - a.photo.data.length);
    const moved = sized.slice(0, 2);
    steps.push({ op: 'fragment', label: 'fragment: rewrite two photos over the freed blocks', files: moved });
    remove('fragment: delete a fragmented photo', moved.slice(0, 1), moved.slice(0, 1));
    const fourth = [...live].filter((_, i) => i % 4 === 3);
    remove('delete every fourth live photo', fourth, alternate(fourth));
  } else {
    remove('delete every third', third);
    write('shoot again', take(0.08));
    const small = [...live].filter((f) => first.includes(f)).sort((a, b) => a.photo.data.length - b.photo.data.length).slice(0, 2);
    remove('fragment: delete two small photos', small);
    const rest = order.slice(next).sort((a, b) => b.data.length - a.data.length);
    const big = rest.slice(0, 2);
    const bigFiles = big.map(make);
    next = order.length; // the unused rest stays off this card
    write('fragment: write two large photos into the holes', bigFiles);
    remove('fragment: delete a fragmented photo', bigFiles.slice(0, 1));
    remove('delete every fourth live photo', [...live].filter((_, i) => i % 4 === 3));
  }
  if (quickFormat) steps.push({ op: 'quickformat', label: 'quick format', files: [] });
  const files = steps.flatMap((s) => (s.op === 'write' ? s.files : []));
  return { steps, files, live: [...live] };
}
