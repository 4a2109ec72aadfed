import { describe, expect, it } from 'vitest';
import { exfatImage } from '../../testing/exfat-fixtures.js';
import { bootRegionChecksum, checksum32, entrySetChecksum, nameHash } from './checksums.js';
import { parseExfatDirectory } from './dir-parse.js';
import { expandUpcaseTable } from './upcase-table.js';

const ascii = (unit: number) => (unit >= 0x61 && unit <= 0x7a ? unit - 0x20 : unit);

/** A File set (File, Stream Extension, File Name entries) for `name`, with a correct checksum. */
function fileSet(name: string, options: { deleted?: boolean; size?: number; cluster?: number; flags?: number } = {}): Buffer {
  const names = Math.ceil(name.length / 15);
  const set = Buffer.alloc((2 + names) * 32);
  set[0] = 0x85;
  set[1] = 1 + names;
  set.writeUInt16LE(0x20, 4);
  set[32] = 0xc0;
  set[33] = options.flags ?? 0x03;
  set[35] = name.length;
  set.writeUInt16LE(nameHash(name, ascii), 36);
  set.writeBigUInt64LE(BigInt(options.size ?? 100), 40);
  set.writeUInt32LE(options.cluster ?? 9, 52);
  set.writeBigUInt64LE(BigInt(options.size ?? 100), 56);
  for (let i = 0; i < names; i++) {
    set[64 + i * 32] = 0xc1;
    set.write(name.slice(i * 15, i * 15 + 15), 64 + i * 32 + 2, 'utf16le');
  }
  set.writeUInt16LE(entrySetChecksum(set), 2);
  if (options.deleted) for (let at = 0; at < set.length; at += 32) set[at] = (set[at] as number) & 0x7f;
  return set;
}

describe('exFAT entry sets', () => {
  it('live and deleted sets decode with names, lengths, flags; a deleted set checks out with its in-use bits restored', () => {
    const dir = Buffer.concat([fileSet('A long name for a photograph.jpg'), fileSet('gone.jpg', { deleted: true, flags: 0x01 }), Buffer.alloc(64)]);
    const parsed = parseExfatDirectory(dir, ascii);
    expect(parsed.ended).toBe(true);
    expect(parsed.sets.map((s) => [s.name, s.deleted, s.noFatChain, s.dataLength, s.firstCluster, s.notes])).toEqual([
      ['A long name for a photograph.jpg', false, true, 100, 9, []],
      ['gone.jpg', true, false, 100, 9, []],
    ]);
  });

  it('a deleted set partly overwritten by a newer set keeps what survives and says so; the newer set is whole', () => {
    const old = fileSet('an old and rather long name.jpg', { deleted: true });
    const fresh = fileSet('new.jpg');
    const dir = Buffer.concat([old.subarray(0, 96), fresh]);
    const [first, second] = parseExfatDirectory(dir, ascii).sets;
    expect(first?.name).toBe('an old and rath');
    expect(first?.notes.join(' ')).toMatch(/only 15 of the name's 31 characters survive.*claims 4 secondary entries but 2 follow \(newer entries overwrote the rest\)/);
    expect(second).toMatchObject({ name: 'new.jpg', deleted: false, notes: [] });
  });

  it("a '/' in a name cannot break a path; a set without a stream extension is skipped", () => {
    const slash = fileSet('a/b.jpg');
    const orphan = Buffer.alloc(64);
    orphan[0] = 0x85;
    orphan[1] = 1;
    orphan[32] = 0xc1;
    const parsed = parseExfatDirectory(Buffer.concat([slash, orphan]), ascii);
    expect(parsed.sets.map((s) => s.name)).toEqual(['a\ufffdb.jpg']);
    expect(parsed.sets[0]?.notes.join(' ')).toMatch(/'\/' or control/);
    expect(parsed.skipped).toBe(2);
  });

  it('the fixture boot region and up-case table pass their checksums; the expanded table upper-cases Unicode', () => {
    const image = exfatImage();
    expect(bootRegionChecksum(image.subarray(0, 11 * 512))).toBe(image.readUInt32LE(11 * 512));
    const root = parseExfatDirectory(image.subarray(2 * 1024 * 1024 + 3 * 4096, 2 * 1024 * 1024 + 4 * 4096));
    expect(root.volumeLabel).toBe('Caméra');
    const upcase = root.upcase;
    const at = 2 * 1024 * 1024 + ((upcase?.firstCluster ?? 0) - 2) * 4096;
    const table = image.subarray(at, at + (upcase?.dataLength ?? 0));
    expect(checksum32(table)).toBe(upcase?.checksum);
    const map = expandUpcaseTable(table);
    expect(String.fromCharCode(...[...'été à la plage'].map((c) => map[c.charCodeAt(0)] as number))).toBe('ÉTÉ À LA PLAGE');
  });
});
