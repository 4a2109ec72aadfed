// An HFS+ card: `xorriso -as mkisofs -hfsplus -apm-block-size 2048` writes an Apple Partition Map +
// HFS+ hybrid of the first shoot (every file contiguous; HFS+ is written once, so there is no "shoot
// again"), then the project's tools/fixtures/hfsplus-edit.mjs deletes photos from the catalog.
// Without that tool (or when it fails) this history is skipped and the run says why.
import { execFileSync, spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync, readSync } from 'node:fs';
import { resolve } from 'node:path';
import { onPath } from './card-tools.mjs';

export const HFSPLUS_EDIT = resolve(import.meta.dirname, '../fixtures/hfsplus-edit.mjs');

/** The Apple_HFS partition's byte offset as the map itself says (block 0's block size × pmPyPartStart). */
function apmFromMap(image) {
  const fd = openSync(image, 'r');
  try {
    const block = Buffer.alloc(512);
    readSync(fd, block, 0, 512, 0);
    if (block.toString('latin1', 0, 2) !== 'ER') throw new Error(`${image}: no Apple Partition Map`);
    const size = block.readUInt16BE(2);
    for (let i = 1; i <= 64; i++) {
      readSync(fd, block, 0, 512, i * size);
      if (block.toString('latin1', 0, 2) !== 'PM') break;
      if (block.toString('latin1', 48, 80).replace(/\0.*$/s, '') === 'Apple_HFS') return block.readUInt32BE(8) * size;
    }
    throw new Error(`${image}: no Apple_HFS partition in the map`);
  } finally {
    closeSync(fd);
  }
}

/**
 * The Apple_HFS partition's byte offset, from `mmls -t mac` (its units are the map's block size).
 * TSK 4.11's mmls refuses larger xorriso maps with 2 KiB blocks ("Starting sector too large for
 * image"); the map is then read directly.
 */
export function apmHfsOffset(image) {
  const run = spawnSync('mmls', ['-t', 'mac', image], { encoding: 'utf8' });
  const unit = Number(/Units are in (\d+)-byte sectors/.exec(run.stdout ?? '')?.[1] ?? 512);
  const line = (run.stdout ?? '').split('\n').find((l) => /Apple_HFS/.test(l));
  return run.status === 0 && line ? Number(line.trim().split(/\s+/)[2]) * unit : apmFromMap(image);
}

function edit(image, files, card, args) {
  const done = [];
  const notes = [];
  for (const f of files) {
    const run = spawnSync(process.execPath, [HFSPLUS_EDIT, ...args(f), '--offset', String(card.volumeOffset)], { encoding: 'utf8' });
    if (run.status === 0) done.push(f);
    else notes.push(`${args(f)[0]} ${f.name}: ${(run.stderr || run.stdout).trim().slice(-200)}`);
  }
  if (done.length === 0 && files.length > 0) throw new Error(`hfsplus-edit.mjs failed: ${notes[0]}`);
  return { done, notes };
}

export const hfsplus = {
  id: 'hfsplus',
  label: 'HFS+ in an Apple Partition Map (xorriso hybrid, 2 KiB blocks)',
  folder: '100APPLE',
  tskType: 'hfs',
  editOnly: true,
  minBytes: 0,
  caseInsensitive: false,
  missing: () => [...['xorriso', 'mmls'].filter((c) => !onPath(c)), ...(existsSync(HFSPLUS_EDIT) ? [] : ['tools/fixtures/hfsplus-edit.mjs (not written yet)'])],
  create() {
    return { volumeOffset: undefined };
  },
  write(image, files, card) {
    if (existsSync(image)) throw new Error('the HFS+ hybrid is written once');
    const grafts = files.map((f) => `/${f.path}=${f.photo.path}`);
    execFileSync('xorriso', ['-as', 'mkisofs', '-hfsplus', '-apm-block-size', '2048', '-V', 'CARD', '-graft-points', '-o', image, ...grafts], { stdio: ['ignore', 'ignore', 'pipe'] });
    card.volumeOffset = apmHfsOffset(image);
  },
  /** Deletes what hfsplus-edit.mjs can (it refuses to empty a catalog node): { done, notes }. */
  remove(image, files, card, step) {
    return edit(image, files, card, (f) => ['delete', image, `/${f.path}`, ...(step.leaveSlack?.has(f.id) ? ['--leave-slack'] : [])]);
  },
  /** Rewrites each file as one-block extents over every other free block: { done, notes }. */
  fragment(image, files, card) {
    return edit(image, files, card, (f) => ['fragment', image, `/${f.path}`]);
  },
};
