// The ground truth of a card, asked of The Sleuth Kit while each photo is live: `fls` finds it,
// `istat` lists its sectors (FAT, exFAT) or allocation blocks (HFS+); the runs are in bytes from the
// start of the image and are checked at once by hashing them against the photo.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, openSync, readSync } from 'node:fs';

export const tskOffset = (card) => ['-f', card.tskType, '-o', String(Math.floor(card.volumeOffset / 512))];
const tsk = (cmd, image, card, tail = []) =>
  execFileSync(cmd, [...tskOffset(card), image, ...tail], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'pipe'],
  });

/** `fls -r -p -F` (files only): [{ inode, path, deleted }]; `which` = 'live' (-u), 'deleted' (-d) or 'all'. */
export function listFiles(image, card, which = 'all') {
  const flags = ['-r', '-p', '-F', ...(which === 'live' ? ['-u'] : which === 'deleted' ? ['-d'] : [])];
  const out = execFileSync('fls', [...tskOffset(card), ...flags, image], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const files = [];
  for (const line of out.split('\n')) {
    const m = /^\S+\s+(\*\s+)?(\d+)\S*:\t(.*)$/.exec(line);
    if (m) files.push({ inode: m[2], path: m[3], deleted: Boolean(m[1]) });
  }
  return files;
}

/** The unit istat counts in: HFS+ allocation blocks, FAT/exFAT sectors. */
export function istatUnit(image, card) {
  const out = tsk('fsstat', image, card);
  const field = card.tskType === 'hfs' ? /Allocation Block Size: (\d+)/ : /Sector Size: (\d+)/;
  const unit = Number(field.exec(out)?.[1]);
  if (!unit) throw new Error(`fsstat on ${image}: no ${field.source}`);
  return unit;
}

/** A file's byte runs from `istat` (units coalesced, cut to its size), offset by the volume's start. */
export function istatRuns(image, card, inode, size, unit) {
  const out = tsk('istat', image, card, [inode]);
  const at = out.search(/^(Sectors|Data Fork Blocks):/m);
  if (at === -1) return [];
  const body = out.slice(at).split('\n').slice(1);
  const units = [];
  for (const line of body) {
    if (line.trim() === '' || /:/.test(line)) break;
    for (const token of line.trim().split(/\s+/)) {
      const [a, b = a] = token.split('-').map(Number);
      for (let u = a; u <= b; u++) units.push(u);
    }
  }
  const runs = [];
  let left = size;
  for (const u of units) {
    if (left <= 0) break;
    const length = Math.min(unit, left);
    const offset = card.volumeOffset + u * unit;
    const last = runs.at(-1);
    if (last && last.offset + last.length === offset) last.length += length;
    else runs.push({ offset, length });
    left -= length;
  }
  return left > 0 ? [] : runs;
}

/** sha256 of the bytes at `runs` in the image. */
export function sha256OfRuns(image, runs) {
  const hash = createHash('sha256');
  const fd = openSync(image, 'r');
  try {
    for (const run of runs) {
      const buffer = Buffer.alloc(run.length);
      let done = 0;
      while (done < run.length) {
        const n = readSync(fd, buffer, done, run.length - done, run.offset + done);
        if (n === 0) break;
        done += n;
      }
      hash.update(buffer.subarray(0, done));
    }
  } finally {
    closeSync(fd);
  }
  return hash.digest('hex');
}
