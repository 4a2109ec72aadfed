import { createHash } from 'node:crypto';
import type { CarveSource } from './byte-source.js';
import { inMemoryFrom } from './chunk-reader.js';
import { throwIfAborted } from './errors.js';
import type { ByteRun } from './types.js';

const PIECE = 1024 * 1024;

/** The bytes of a file's runs, in order, in pieces of at most 1 MiB (never the whole file at once). */
export async function* readRuns(source: CarveSource, runs: readonly ByteRun[], signal?: AbortSignal, limit = Infinity): AsyncGenerator<Buffer> {
  let left = limit;
  for (const run of runs) {
    for (let done = 0; done < run.length && left > 0; ) {
      throwIfAborted(signal);
      const piece = await source.read(run.offset + done, Math.min(PIECE, run.length - done, left));
      if (piece.length === 0) return;
      done += piece.length;
      left -= piece.length;
      yield piece;
    }
  }
}

/** Up to `length` bytes from the start of a file, as one Buffer. */
export async function readHead(source: CarveSource, runs: readonly ByteRun[], length: number, signal?: AbortSignal): Promise<Buffer> {
  const pieces: Buffer[] = [];
  for await (const piece of readRuns(source, runs, signal, length)) pieces.push(piece);
  return pieces.length === 1 ? pieces[0] : Buffer.concat(pieces);
}

/**
 * 1 MiB buffers for hashing, given back after each file: a scan hashes every file it finds, and a
 * fresh buffer per file is garbage the heap only frees at its next collection (tens of MB of RSS).
 * A thread hashes one or two files at a time (its scan lane and the merge's rescans).
 */
const hashBuffers: Buffer[] = [];
const MAX_HASH_BUFFERS = 2;

/**
 * Lower-case hex SHA-256 of a file's runs, streamed through the hash: bytes the scan holds in memory
 * (its chunks) are hashed where they lie, without a copy; a pooled 1 MiB buffer takes every other piece
 * when the source can read into it (no garbage per MiB).
 */
export async function sha256OfRuns(source: CarveSource, runs: readonly ByteRun[], signal?: AbortSignal): Promise<string> {
  const hash = createHash('sha256');
  if (!source.readInto) {
    for await (const piece of readRuns(source, runs, signal)) hash.update(piece);
    return hash.digest('hex');
  }
  const buffer = hashBuffers.pop() ?? Buffer.allocUnsafe(PIECE);
  try {
    for (const run of runs) {
      for (let done = 0; done < run.length; ) {
        throwIfAborted(signal);
        const held = Math.min(inMemoryFrom(source, run.offset + done), run.length - done);
        if (held > 0) {
          hash.update(await source.read(run.offset + done, held));
          done += held;
          continue;
        }
        const n = await source.readInto(buffer.subarray(0, Math.min(buffer.length, run.length - done)), run.offset + done);
        if (n === 0) return hash.digest('hex');
        hash.update(buffer.subarray(0, n));
        done += n;
      }
    }
    return hash.digest('hex');
  } finally {
    if (hashBuffers.length < MAX_HASH_BUFFERS) hashBuffers.push(buffer);
  }
}
