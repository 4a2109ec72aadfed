// An HFS+ card: `xorriso -as mkisofs -hfsplus -apm-block-size 2048` writes an Apple Partition Map +
// HFS+ hybrid of the first shoot (every file contiguous; HFS+ is written once, so there is no "shoot
// again"), then the project's tools/fixtures/hfsplus-edit.mjs gives it a journal (as macOS does every
// HFS+ volume) and deletes photos from the catalog: macOS-style deletions are journaled (the journal
// keeps the catalog nodes as they were, until it wraps), the Linux-style ones leave node slack.
// Without that tool (or when it fails) this history is skipped and the run says why.
import { execFileSync, spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync, readSync, rmSync, writeFileSync } from 'node:fs';
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
    // xorriso sizes the volume to its files and packs the catalog's nodes full: two fillers in the
    // root folder, deleted before anything else, leave room for the journal (9 MiB of blocks) and for
    // its two files' records (their names as long as .journal_info_block's, for the thread records).
    const filler = `${image}.filler`;
    writeFileSync(filler, Buffer.alloc(9 << 20));
    const grafts = [...files.map((f) => `/${f.path}=${f.photo.path}`), `/Room-for-the-journal-1.bin=${filler}`, `/Room-for-the-journal-2.bin=${filler}`];
    execFileSync('xorriso', ['-as', 'mkisofs', '-hfsplus', '-apm-block-size', '2048', '-V', 'CARD', '-graft-points', '-o', image, ...grafts], { stdio: ['ignore', 'ignore', 'pipe'] });
    rmSync(filler, { force: true });
    card.volumeOffset = apmHfsOffset(image);
    // Every HFS+ volume macOS makes is journaled (8 MiB for a small one): give this one a journal, so
    // the macOS-style deletions below are journaled as macOS journals them.
    const tool = (...args) => spawnSync(process.execPath, [HFSPLUS_EDIT, ...args, '--offset', String(card.volumeOffset)], { encoding: 'utf8' });
    const cleared = ['/Room-for-the-journal-1.bin', '/Room-for-the-journal-2.bin'].every((path) => tool('delete', image, path).status === 0);
    const journal = cleared ? tool('journal', image, '--size', String(8 << 20)) : { status: 1, stderr: 'the fillers could not be deleted' };
    card.journaled = journal.status === 0;
    if (!card.journaled) console.warn(`  hfsplus: no journal (${(journal.stderr || journal.stdout).trim().slice(-200)}); deletions are not journaled`);
  },
  /** Deletes what hfsplus-edit.mjs can (it refuses to empty a catalog node): { done, notes }. */
  remove(image, files, card, step) {
    const style = (f) => (step.leaveSlack?.has(f.id) ? ['--leave-slack'] : card.journaled ? ['--journal'] : []);
    return edit(image, files, card, (f) => ['delete', image, `/${f.path}`, ...style(f)]);
  },
  /** Rewrites each file as one-block extents over every other free block: { done, notes }. */
  fragment(image, files, card) {
    return edit(image, files, card, (f) => ['fragment', image, `/${f.path}`]);
  },
};
