import type { BoundedReader } from '../bounded-reader.js';
import type { FormatMatch } from '../types.js';
import { completeMatch, corruptMatch, outOfBytes, type MatchExtras } from './shared/match-result.js';

/** Real animations have thousands of frames at most (two blocks each); this stops hostile input. */
export const MAX_GIF_BLOCKS = 1_000_000;
const IMAGE = 0x2c;
const EXTENSION = 0x21;
const TRAILER = 0x3b;
/** Sub-block chains are walked over windows of this many bytes, without a read per sub-block. */
const STEP = 64 * 1024;

type ChainEnd = { kind: 'end'; at: number } | { kind: 'out-of-data' };

/**
 * Walks a GIF (87a/89a, GIF89a spec §17–27) from its header at `start`: logical screen descriptor, global
 * colour table, then image descriptors (local colour table, LZW code size, data sub-blocks) and
 * extensions (label, sub-blocks) to the 0x3B trailer. Any other byte where a block should start cuts the
 * file there (corrupt).
 */
export async function walkGif(reader: BoundedReader, start: number): Promise<FormatMatch | null> {
  const screen = await reader.bytes(start + 6, 7);
  if (screen === null) return null;
  const extras: MatchExtras = { dimensions: { width: screen.readUInt16LE(0), height: screen.readUInt16LE(2) } };
  const at = (pos: number): number => pos - start;
  let pos = start + 13 + colourTableSize(screen[4]);
  let images = 0;
  for (let blocks = 0; ; blocks++) {
    if (blocks >= MAX_GIF_BLOCKS) return corruptMatch(at(pos), `more than ${MAX_GIF_BLOCKS} blocks`, extras);
    const introducer = await reader.byte(pos);
    if (introducer === -1) return outOfBytes(reader, start, 'its trailer', extras);
    if (introducer === TRAILER) {
      if (images === 0) return corruptMatch(at(pos), `trailer at offset ${at(pos)} before any image`, extras);
      return completeMatch(at(pos + 1), extras);
    }
    let chain: ChainEnd;
    if (introducer === EXTENSION) {
      chain = await skipSubBlocks(reader, pos + 2);
    } else if (introducer === IMAGE) {
      const descriptor = await reader.bytes(pos + 1, 9);
      if (descriptor === null) return outOfBytes(reader, start, 'its trailer', extras);
      const data = pos + 10 + colourTableSize(descriptor[8]);
      const codeSize = await reader.byte(data);
      if (codeSize === -1) return outOfBytes(reader, start, 'its trailer', extras);
      if (codeSize < 1 || codeSize > 11) return corruptMatch(at(pos), `image ${images + 1} at offset ${at(pos)} has LZW code size ${codeSize}`, extras);
      chain = await skipSubBlocks(reader, data + 1);
      images++;
    } else {
      return corruptMatch(at(pos), `byte 0x${introducer.toString(16).padStart(2, '0')} at offset ${at(pos)} starts no block`, extras);
    }
    if (chain.kind === 'out-of-data') return outOfBytes(reader, start, 'its trailer', extras);
    pos = chain.at;
  }
}

/** Bytes of the colour table a packed field announces (flag in bit 7, size 2^(n+1) entries of 3 bytes). */
function colourTableSize(packed: number): number {
  return packed & 0x80 ? 3 << ((packed & 7) + 1) : 0;
}

/** Follows a chain of data sub-blocks (a length byte, that many bytes) to just past its zero terminator. */
async function skipSubBlocks(reader: BoundedReader, from: number): Promise<ChainEnd> {
  let pos = from;
  while (pos < reader.end) {
    const window = await reader.bytes(pos, Math.min(STEP, reader.end - pos));
    if (window === null) break;
    let i = 0;
    while (i < window.length) {
      const size = window[i];
      if (size === 0) return { kind: 'end', at: pos + i + 1 };
      i += 1 + size;
    }
    pos += i;
  }
  return { kind: 'out-of-data' };
}
