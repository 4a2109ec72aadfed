import { describe, expect, it } from 'vitest';
import { type LongNameEntry, type ShortDirEntry, decodeDirEntry, shortNameChecksum } from './dir-entry.js';
import { resolveName } from './long-names.js';

/** Builds the long-name entries for `name` in disk order (highest order first), as a driver writes them. */
function lfnEntries(name: string, checksum: number, deleted = false): LongNameEntry[] {
  const units = Array.from({ length: name.length }, (_, i) => name.charCodeAt(i));
  const count = Math.ceil(units.length / 13);
  const padded = [...units, ...(units.length % 13 ? [0] : [])];
  while (padded.length < count * 13) padded.push(0xffff);
  const parts: LongNameEntry[] = [];
  for (let order = 1; order <= count; order++) {
    parts.push({
      kind: 'lfn',
      deleted,
      order: deleted ? 0xe5 : order | (order === count ? 0x40 : 0),
      checksum,
      units: padded.slice((order - 1) * 13, order * 13),
    });
  }
  return parts.reverse();
}

function shortEntry(name11: string, deleted = false): ShortDirEntry {
  const raw = Buffer.alloc(32);
  raw.write(name11, 0, 'latin1');
  raw[11] = 0x20;
  if (deleted) raw[0] = 0xe5;
  return decodeDirEntry(raw, 0, false) as ShortDirEntry;
}

describe('long names', () => {
  const short = 'HOLIDA~1JPG';
  const checksum = shortNameChecksum(Buffer.from(short, 'latin1'));
  const longName = 'Holiday at the beach 2023 – day one.jpg';

  it('the checksum is fatgen103 rotate-right-and-add over the 11 bytes', () => {
    let sum = 0;
    for (const b of Buffer.from(short, 'latin1')) sum = ((sum & 1 ? 0x80 : 0) + (sum >> 1) + b) & 0xff;
    expect(checksum).toBe(sum);
  });

  it('joins the long name of a live entry, in order, non-ASCII included', () => {
    const resolved = resolveName(shortEntry(short), lfnEntries(longName, checksum));
    expect(resolved).toEqual({ name: longName, shortName: 'HOLIDA~1.JPG', notes: [] });
  });

  it('falls back to the short name when the checksum or order is wrong', () => {
    const wrong = resolveName(shortEntry(short), lfnEntries(longName, (checksum + 1) & 0xff));
    expect(wrong.name).toBe('HOLIDA~1.JPG');
    expect(wrong.notes.join()).toMatch(/do not match/);
    const shuffled = lfnEntries(longName, checksum).reverse();
    expect(resolveName(shortEntry(short), shuffled).name).toBe('HOLIDA~1.JPG');
  });

  it('restores a deleted entry: long name back, lost first character of the short name too', () => {
    const resolved = resolveName(shortEntry(short, true), lfnEntries(longName, checksum, true));
    expect(resolved.name).toBe(longName);
    expect(resolved.shortName).toBe('HOLIDA~1.JPG');
  });

  it('a deleted entry whose long-name checksum does not match gets "_" + the rest', () => {
    const resolved = resolveName(shortEntry(short, true), lfnEntries('Something else.jpg', checksum ^ 0x5a, true));
    expect(resolved.name).toBe('_OLIDA~1.JPG');
    expect(resolved.notes.join()).toMatch(/does not match/);
  });

  it('a deleted entry without long name gets "_" + the rest', () => {
    expect(resolveName(shortEntry('IMG_0002JPG', true), []).name).toBe('_MG_0002.JPG');
  });

  it('ignores stale live long-name entries before a deleted entry', () => {
    const resolved = resolveName(shortEntry(short, true), lfnEntries(longName, checksum, false));
    expect(resolved.name).toBe('_OLIDA~1.JPG');
  });
});
