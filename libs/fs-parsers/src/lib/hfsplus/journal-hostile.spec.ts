import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scratch } from '../../testing/fixture-files.js';
import { HFS_JOURNALED, hfsFixtureImage } from '../../testing/hfsplus-fixtures.js';
import type { FsEntry } from '../filesystem.js';
import { bufferSource } from '../source/buffer-source.js';
import { openFileSource } from '../source/file-source.js';
import { hfsplus } from './hfsplus-descriptor.js';
import type { HfsPlusFileSystem } from './hfsplus-filesystem.js';
import { journalChecksum } from './journal-header.js';
import type { BlockList } from './journal-walk.js';

const temp = scratch();
afterAll(() => temp.cleanup());
const clean = hfsFixtureImage(HFS_JOURNALED);
const blockSize = clean.readUInt32BE(1024 + 40);
const jib = clean.readUInt32BE(1024 + 12) * blockSize;
const at = Number(clean.readBigUInt64BE(jib + 36)); // the journal header, little-endian fields
const PHOTOS = ['/Burst/burst_15.jpg', '/DCIM/100APPLE/IMG_0001.JPG', '/DCIM/100APPLE/IMG_0002.JPG'];
const fromJournal = (entries: FsEntry[]) => entries.filter((e) => e.notes.some((n) => n.startsWith('found in the journal'))).map((e) => e.path).sort();
let lists: BlockList[] = [];

beforeAll(async () => {
  lists = (await ((await hfsplus.open(bufferSource(clean))) as HfsPlusFileSystem).journal()).lists;
});

/** Recomputes the checksum of the journal header (44 bytes) or of a block list header (32 bytes) at journal byte `offset`. */
function seal(img: Buffer, offset: number, width: 44 | 32, bigEndian = false): void {
  const field = at + offset + (width === 44 ? 36 : 8);
  img.writeUInt32LE(0, field);
  const sum = journalChecksum(img.subarray(at + offset, at + offset + width));
  if (bigEndian) img.writeUInt32BE(sum, field);
  else img.writeUInt32LE(sum, field);
}

/** Patches a copy, opens it through a file and walks it, journal included (under 2 s). */
async function openPatched(patch: (img: Buffer) => void) {
  const image = Buffer.from(clean);
  patch(image);
  const source = await openFileSource(temp.write('patched.img', image));
  const started = Date.now();
  try {
    const fs = (await hfsplus.open(source)) as HfsPlusFileSystem;
    const entries = await fs.entries();
    const journal = await fs.journal();
    expect(Date.now() - started).toBeLessThan(15_000);
    return { entries, journal, notes: fs.notes.join(' '), live: entries.filter((e) => !e.deleted).length };
  } finally {
    await source.close();
  }
}

describe('a damaged journal gives notes and what it still can, never a crash or a hang', () => {
  it('the clean fixture: three photos from the journal (the baseline)', async () => {
    const { entries } = await openPatched(() => undefined);
    expect(fromJournal(entries)).toEqual([...PHOTOS, '/Frag/Movie.mp4'].sort());
  });

  it.each([
    ['size 0', (img: Buffer) => img.writeBigUInt64BE(0n, jib + 44), /gives the journal a size of 0 bytes/],
    ['a huge size', (img: Buffer) => img.writeBigUInt64BE(1n << 40n, jib + 44), /claims 1099511627776 bytes, more than the 1073741824 this reader scans/],
    ['a journal past the volume', (img: Buffer) => img.writeBigUInt64BE(BigInt(clean.length), jib + 36), /runs past the volume's/],
    ['on another device', (img: Buffer) => img.writeUInt32BE(2, jib), /on another device \(journal info flags 0x2\)/],
    ['never initialised', (img: Buffer) => img.writeUInt32BE(5, jib), /never initialised/],
  ])('journal info block: %s', async (_, patch, note) => {
    const { entries, notes, live } = await openPatched(patch);
    expect(notes).toMatch(note);
    expect(fromJournal(entries)).toEqual([]);
    expect(live).toBeGreaterThan(30);
  });

  it.each([
    ['start not a sector offset', (img: Buffer) => img.writeBigUInt64LE(7n, at + 8), /start \(7\) is not a sector offset/],
    ['end past the buffer', (img: Buffer) => img.writeBigUInt64LE(1n << 40n, at + 16), /end \(1099511627776\) is not a sector offset/],
    ['a wrong endianness marker', (img: Buffer) => img.writeUInt32LE(0xdeadbeef, at + 4), /endian field is 0xefbeadde, not 0x12345678 in either byte order/],
    ['a wrong magic', (img: Buffer) => img.writeUInt32LE(0x41414141, at), /magic is 0x41414141/],
    ['a blhdr_size larger than the journal', (img: Buffer) => img.writeUInt32LE(0x7fffffff, at + 32), /blhdr_size 2147483647/],
  ])('journal header: %s', async (_, patch, note) => {
    const { entries, notes } = await openPatched((img) => {
      patch(img);
      seal(img, 0, 44);
    });
    expect(notes).toMatch(note);
    expect(fromJournal(entries)).toEqual([]);
  });

  it('a header whose checksum does not match is still used, with a note', async () => {
    const { entries, notes } = await openPatched((img) => img.writeUInt32LE(1, at + 36));
    expect(notes).toMatch(/journal header checksum does not match/);
    expect(fromJournal(entries)).toContain(PHOTOS[0]);
  });

  it.each([
    ['2^31 bytes', (img: Buffer, o: number) => img.writeUInt32LE(2 ** 31, at + o + 4), /claims 8 blocks in 2147483648 bytes/],
    ['65535 blocks', (img: Buffer, o: number) => img.writeUInt16LE(0xffff, at + o + 2), /claims 65535 blocks/],
  ])('the oldest block list claiming %s is skipped with a note; the newer ones still count', async (_, patch, note) => {
    const oldest = lists[0] as BlockList;
    const { entries, notes } = await openPatched((img) => {
      patch(img, oldest.offset);
      seal(img, oldest.offset, 32);
    });
    expect(notes).toMatch(note);
    expect(fromJournal(entries)).toEqual(PHOTOS); // the movie's only copies were in that list
  });

  it('a journaled block whose bnum points past the volume is skipped, with a note', async () => {
    const newest = lists[lists.length - 1] as BlockList;
    const { notes } = await openPatched((img) => {
      img.writeBigUInt64LE(1n << 40n, at + newest.offset + 32); // binfo[1].bnum
      seal(img, newest.offset, 32);
    });
    expect(notes).toMatch(/1 journaled blocks point outside the volume/);
  });

  it('a catalog node copy whose bytes fail the block checksum is not used', async () => {
    const list = lists.find((l) => l.sequence === 5) as BlockList; // IMG_0001's leaf before its deletion: the only copy
    const { entries, notes } = await openPatched((img) => {
      const node4 = at + list.offset + 3072 + 512 + 4096; // after the block list header, the volume header's sector, catalog node 0
      img[node4 + 100] = (img[node4 + 100] ?? 0) ^ 0xff;
    });
    expect(notes).toMatch(/1 journaled copies of catalog nodes fail their block checksum/);
    expect(fromJournal(entries)).not.toContain('/DCIM/100APPLE/IMG_0001.JPG');
  });

  it('a block list that wraps onto itself (bytes_used = the whole buffer) is read once', async () => {
    const newest = lists[lists.length - 1] as BlockList;
    const { journal } = await openPatched((img) => {
      const ring = Number(img.readBigUInt64LE(at + 24)) - img.readUInt32LE(at + 40);
      img.writeUInt32LE(ring, at + newest.offset + 4);
      seal(img, newest.offset, 32);
      img.writeBigUInt64LE(BigInt(newest.offset), at + 16); // end: where that list "ends" after a full turn
      img.writeBigUInt64LE(BigInt(newest.offset), at + 8);
      seal(img, 0, 44);
    });
    expect(journal.lists.map((l) => l.offset)).toEqual([newest.offset]);
  });

  it('un-replayed transactions are noted, and a bad block list among them ends the walk from start', async () => {
    const [from, bad] = [lists[4] as BlockList, lists[5] as BlockList];
    const { notes, journal } = await openPatched((img) => {
      img.writeBigUInt64LE(BigInt(from.offset), at + 8); // start: four block lists not yet replayed
      seal(img, 0, 44);
      img[at + bad.offset + 8] = (img[at + bad.offset + 8] ?? 0) ^ 0xff; // its checksum
    });
    expect(notes).toMatch(/un-replayed transactions \(start \d+, end \d+\): the volume was not unmounted cleanly/);
    expect(notes).toMatch(new RegExp(`un-replayed block list at journal byte ${bad.offset} has a bad checksum: the walk from start stops there`));
    // The chain back from end stops at the bad one too: what lies after it is read, and is un-replayed.
    expect(journal.lists.filter((l) => l.pending).map((l) => l.offset)).toEqual([lists[6]?.offset, lists[7]?.offset]);
    expect(journal.lists.every((l) => l.pending)).toBe(true);
  });

  it('a big-endian journal (a PowerPC Mac\'s) reads the same', async () => {
    const { entries, journal } = await openPatched((img) => {
      const swap = (o: number, width: 2 | 4 | 8) => img.subarray(at + o, at + o + width).reverse();
      for (const o of [0, 4, 32, 40, 44]) swap(o, 4);
      for (const o of [8, 16, 24]) swap(o, 8);
      seal(img, 0, 44, true);
      for (const list of lists) {
        const o = list.offset;
        swap(o, 2);
        swap(o + 2, 2);
        for (const f of [4, 8, 12]) swap(o + f, 4);
        for (let i = 0; i < list.numBlocks; i++) {
          swap(o + 16 + 16 * i, 8);
          swap(o + 24 + 16 * i, 4);
          swap(o + 28 + 16 * i, 4);
        }
        seal(img, o, 32, true);
      }
    });
    expect(journal.header?.littleEndian).toBe(false);
    expect(journal.lists.length).toBe(lists.length);
    expect(fromJournal(entries)).toEqual([...PHOTOS, '/Frag/Movie.mp4'].sort());
  });

  it('a record both in node slack and in the journal is listed once, from the catalog', async () => {
    const { entries } = await openPatched((img) => {
      const name = Buffer.from('IMG_0001.JPG', 'utf16le').swap16();
      const head = Buffer.from([0, 30, 0, 0, 0, 48, 0, 12]); // keyLength 30, parent ID 48 (/DCIM/100APPLE), 12 units
      const record = img.indexOf(Buffer.concat([head, name]), at); // its file record in a journaled copy of its leaf
      const bytes = img.subarray(record, record + 2 + img.readUInt16BE(record) + 248);
      const catalog = img.readUInt32BE(1024 + 272 + 16) * blockSize;
      for (let n = 1; n < 8; n++) {
        const node = img.subarray(catalog + n * 4096, catalog + (n + 1) * 4096);
        const count = node.readUInt16BE(10);
        const free = node.readUInt16BE(4096 - 2 * (count + 1));
        if (node.readInt8(8) === -1 && 4096 - 2 * (count + 1) - free > bytes.length) return void Buffer.from(bytes).copy(node, free);
      }
      throw new Error('no leaf with room');
    });
    const found = entries.filter((e) => e.path === '/DCIM/100APPLE/IMG_0001.JPG');
    expect(found).toHaveLength(1);
    expect(found[0]?.notes.join(' ')).toMatch(/found in catalog node slack/);
  });

  it('a journal walk honours an aborted signal', async () => {
    const fs = (await hfsplus.open(bufferSource(clean))) as HfsPlusFileSystem;
    await expect(fs.journal({ signal: AbortSignal.abort() })).rejects.toThrow(/abort/i);
  });
});
