import { basename } from 'node:path';
import { FsParserError, InvalidReadError } from '../errors.js';
import { type ByteSource, checkRead } from './byte-source.js';
import { openFileSource } from './file-source.js';

/** More pieces than any split image holds (10 000 × even 1 MiB is 10 GB; real sets use GiB pieces). */
export const MAX_SPLIT_PIECES = 10_000;

interface Piece {
  source: ByteSource;
  start: number;
}

/**
 * One read-only ByteSource over the pieces of a split image (disk.001, disk.002…), given in order:
 * byte 0 of piece n follows the last byte of piece n-1. Pieces may differ in size (the last is
 * usually shorter). A piece that cannot be opened fails the whole open with a message naming it
 * (a missing middle piece would shift every byte after it), and the pieces opened so far are closed.
 */
export async function openSplitSource(paths: readonly string[], label?: string): Promise<ByteSource> {
  if (paths.length === 0) throw new InvalidReadError('a split image needs at least one piece');
  if (paths.length > MAX_SPLIT_PIECES) {
    throw new InvalidReadError(`a split image of ${paths.length} pieces is more than the ${MAX_SPLIT_PIECES} allowed`);
  }
  const name = label ?? `${paths[0]} (+${paths.length - 1} pieces)`;
  const pieces: Piece[] = [];
  let size = 0;
  try {
    for (const [index, path] of paths.entries()) {
      let source: ByteSource;
      try {
        source = await openFileSource(path);
      } catch (cause) {
        throw new FsParserError(
          `piece ${index + 1} of ${paths.length} of the split image (${basename(path)}) cannot be opened: ${(cause as Error).message}`,
          { cause },
        );
      }
      pieces.push({ source, start: size });
      size += source.size;
      if (!Number.isSafeInteger(size)) throw new InvalidReadError(`${name}: the pieces add up to more bytes than can be addressed`);
    }
  } catch (error) {
    await Promise.allSettled(pieces.map((piece) => piece.source.close()));
    throw error;
  }
  return splitSource(pieces, size, name);
}

/** Index of the last piece starting at or before `offset` (binary search over the start offsets). */
function pieceAt(pieces: readonly Piece[], offset: number): number {
  let low = 0;
  let high = pieces.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if ((pieces[middle] as Piece).start <= offset) low = middle;
    else high = middle - 1;
  }
  return low;
}

function splitSource(pieces: readonly Piece[], size: number, label: string): ByteSource {
  let closed = false;
  const fill = async (target: Buffer, offset: number): Promise<void> => {
    if (closed) throw new FsParserError(`${label}: read after close`);
    let filled = 0;
    for (let index = pieceAt(pieces, offset); filled < target.length && index < pieces.length; index++) {
      const piece = pieces[index] as Piece;
      const local = offset + filled - piece.start;
      const count = Math.min(target.length - filled, piece.source.size - local);
      if (count <= 0) continue; // an empty piece, or the search landed on one that ends here
      const part = target.subarray(filled, filled + count);
      if (piece.source.readInto) await piece.source.readInto(part, local);
      else (await piece.source.read(local, count)).copy(part);
      filled += count;
    }
  };
  return {
    label,
    size,
    async read(offset: number, length: number): Promise<Buffer> {
      const buffer = Buffer.allocUnsafe(checkRead(label, size, offset, length));
      await fill(buffer, offset);
      return buffer;
    },
    async readInto(target: Buffer, offset: number): Promise<number> {
      const count = checkRead(label, size, offset, target.length);
      await fill(target.subarray(0, count), offset);
      return count;
    },
    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      await Promise.all(pieces.map((piece) => piece.source.close()));
    },
  };
}
