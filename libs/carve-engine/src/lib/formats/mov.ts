import { BoundedReader } from '../bounded-reader.js';
import type { CarveFormat, FileKind } from '../types.js';
import { matchIsobmff } from './shared/isobmff-match.js';

const ascii = (s: string): number[] => [...Buffer.from(s, 'latin1')];
const MOV: FileKind = { id: 'mov', extension: 'mov', mimeType: 'video/quicktime' };
/** What a moov starts with: the movie header, a compressed movie, a profile or an object descriptor. */
const MOOV_FIRST = new Set(['mvhd', 'cmov', 'prfl', 'iods']);
/** Boxes that follow a leading wide/free/skip in old QuickTime files. */
const AFTER_FILLER = new Set(['mdat', 'moov', 'wide', 'free', 'skip']);
const HEAD_BYTES = 4096;

/**
 * QuickTime movies without an ftyp (before 2001, and some cameras since): the file starts with moov,
 * mdat, wide, free or skip. Those types also stand inside every MP4, so the header check is strict (a
 * moov must start with its header; wide is 8 bytes and a box follows; a small free/skip is followed by
 * a box; an mdat must be followed by the moov), and the walk must meet a moov: a file without one is
 * no finding at all. The remaining false-positive risk is a headless remnant of an MP4 whose ftyp was
 * overwritten, which is worth recovering anyway.
 */
export const movFormat: CarveFormat = {
  id: 'mov',
  extensions: ['mov', 'qt'],
  mimeType: MOV.mimeType,
  signatures: ['moov', 'mdat', 'wide', 'free', 'skip'].map((type) => ({ offset: 4, bytes: ascii(type) })),
  maxSize: 64 * 1024 * 1024 * 1024,
  headerBytes: HEAD_BYTES,
  checkHeader(head) {
    if (head.length < 16) return false;
    const size = head.readUInt32BE(0);
    const type = head.toString('latin1', 4, 8);
    const next = (at: number): string | undefined => (at + 8 <= head.length && head.readUInt32BE(at) >= 8 ? head.toString('latin1', at + 4, at + 8) : undefined);
    switch (type) {
      case 'moov':
        return size >= 16 && MOOV_FIRST.has(next(8) ?? '') && head.readUInt32BE(8) <= size - 8;
      case 'wide':
        return size === 8 && AFTER_FILLER.has(next(8) ?? '');
      case 'free':
      case 'skip':
        return size >= 8 && AFTER_FILLER.has(next(size) ?? '');
      case 'mdat':
        return size >= 16 || (size === 1 && head.readBigUInt64BE(8) >= 24n && head.readBigUInt64BE(8) <= BigInt(Number.MAX_SAFE_INTEGER));
      default:
        return false;
    }
  },
  match(source, offset, limits) {
    const reader = new BoundedReader(source, offset, limits.maxSize, limits.signal);
    return matchIsobmff(reader, offset, { needs: 'movie', kind: MOV, requireMovie: true });
  },
};
