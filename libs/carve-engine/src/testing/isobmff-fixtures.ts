import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The committed samples made by tools/fixtures/build-isobmff-fixtures.sh with ffmpeg and heif-enc:
 * camera.mp4 (moov after mdat), faststart.mp4 (moov first), fragmented.mp4, camera.mov (ftyp 'qt  ',
 * video and audio), clip.m4v, phone.3gp, phone.3g2, photo.heic (64×48) and thumb.heic.
 */
export function isobmffFixture(name: string): Buffer {
  return readFileSync(join(import.meta.dirname, 'fixtures', 'isobmff', name));
}

export interface BoxInfo {
  readonly type: string;
  readonly start: number;
  readonly end: number;
}

/** The boxes of a well-formed file between `from` and `to` (test helper: trusts its input, 32-bit sizes). */
export function boxesIn(file: Buffer, from = 0, to = file.length): BoxInfo[] {
  const out: BoxInfo[] = [];
  for (let pos = from; pos + 8 <= to; ) {
    const size = file.readUInt32BE(pos);
    out.push({ type: file.toString('latin1', pos + 4, pos + 8), start: pos, end: pos + size });
    pos += size;
  }
  return out;
}

/** The first box along a path of types (e.g. moov, trak, mdia…). */
export function findBox(file: Buffer, path: readonly string[], from = 0, to = file.length): BoxInfo {
  let found: BoxInfo | undefined;
  for (const type of path) {
    const meta = found?.type === 'meta' ? 4 : 0;
    found = boxesIn(file, found ? found.start + 8 + meta : from, found ? found.end : to).find((b) => b.type === type);
    if (!found) throw new Error(`no ${path.join('/')} box`);
  }
  return found as BoxInfo;
}

/** A copy with every track's chunk offsets (stco/co64) moved by `delta`. */
export function shiftChunkOffsets(file: Buffer, delta: number): Buffer {
  const out = Buffer.from(file);
  const moov = findBox(out, ['moov']);
  for (const trak of boxesIn(out, moov.start + 8, moov.end).filter((b) => b.type === 'trak')) {
    const stbl = findBox(out, ['mdia', 'minf', 'stbl'], trak.start + 8, trak.end);
    for (const table of boxesIn(out, stbl.start + 8, stbl.end)) {
      const count = table.type === 'stco' || table.type === 'co64' ? out.readUInt32BE(table.start + 12) : 0;
      for (let i = 0; i < count; i++) {
        if (table.type === 'stco') out.writeUInt32BE(out.readUInt32BE(table.start + 16 + 4 * i) + delta, table.start + 16 + 4 * i);
        else out.writeBigUInt64BE(out.readBigUInt64BE(table.start + 16 + 8 * i) + BigInt(delta), table.start + 16 + 8 * i);
      }
    }
  }
  return out;
}

/** The file without its first `count` top-level boxes, chunk offsets corrected (an ftyp-less QuickTime movie). */
export function dropLeadingBoxes(file: Buffer, count: number): Buffer {
  const cut = boxesIn(file)[count].start;
  return shiftChunkOffsets(file.subarray(cut), -cut);
}

/** A copy with the top-level box at `index` given another type (same size). */
export function retype(file: Buffer, index: number, type: string): Buffer {
  const out = Buffer.from(file);
  out.write(type, boxesIn(file)[index].start + 4, 'latin1');
  return out;
}
