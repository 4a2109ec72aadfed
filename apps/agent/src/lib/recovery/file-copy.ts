import { createHash } from 'node:crypto';
import { open, type FileHandle } from 'node:fs/promises';
import type { ByteRun } from '@afterimage/contracts';
import type { ByteSource } from '@afterimage/fs-parsers';

/** Bytes per read and per write of a copy or a check. */
export const PIECE = 1 << 20;

/**
 * 1 MiB buffers lent to copies and checks and given back after each file: a recovery writes and
 * re-reads every file, and a fresh Buffer per MiB was garbage that kept V8 collecting (on the 512 MiB
 * bench card, a third of the agent's time during a recovery went to the collector).
 */
const spare: Buffer[] = [];
const MAX_SPARE = 8;
const borrow = (): Buffer => spare.pop() ?? Buffer.allocUnsafe(PIECE);
const giveBack = (buffers: readonly Buffer[]): void => {
  for (const b of buffers) if (spare.length < MAX_SPARE) spare.push(b);
};

/** A file's runs in pieces of at most `PIECE` bytes. */
function* pieces(runs: readonly ByteRun[]): Generator<ByteRun> {
  for (const run of runs) {
    for (let done = 0; done < run.length; done += PIECE) yield { offset: run.offset + done, length: Math.min(PIECE, run.length - done) };
  }
}

/**
 * Hands each piece of `runs`, read from `read`, to `use` in order, reading the next piece while
 * `use` works on this one (two buffers in turn): the read waits on the disk or on a thread of libuv's
 * pool, the write or the hash on another, and neither waits for the other. A piece handed to `use`
 * is valid until `use`'s promise settles. A read that gives fewer bytes than asked ends the stream
 * (`use` gets what came, then nothing more).
 */
async function pipePieces(
  runs: readonly ByteRun[],
  read: (target: Buffer, piece: ByteRun) => Promise<Buffer>,
  use: (bytes: Buffer) => Promise<void> | void,
  signal?: AbortSignal,
): Promise<void> {
  const buffers = [borrow(), borrow()];
  const todo = pieces(runs);
  let turn = 0;
  const start = (): Promise<{ bytes: Buffer; asked: number }> | undefined => {
    const next = todo.next();
    if (next.done) return undefined;
    const buffer = buffers[(turn ^= 1)];
    return read(buffer.subarray(0, next.value.length), next.value).then((bytes) => ({ bytes, asked: next.value.length }));
  };
  let current = start();
  let following: typeof current;
  try {
    while (current) {
      signal?.throwIfAborted();
      const { bytes, asked } = await current;
      following = bytes.length === asked ? start() : undefined;
      await use(bytes);
      current = following;
      following = undefined;
    }
  } finally {
    // A read still going fills a buffer: it ends before the buffers are lent again.
    await Promise.allSettled([current, following]);
    giveBack(buffers);
  }
}

/**
 * Copies a file's runs from `source` to `handle`; `onBytes` after each piece is written. Returns the
 * bytes written (fewer than the runs hold when the source ended first).
 */
export async function copyRuns(source: ByteSource, runs: readonly ByteRun[], handle: FileHandle, onBytes: (n: number) => void, signal?: AbortSignal): Promise<number> {
  const readInto = source.readInto?.bind(source);
  const read = readInto
    ? async (target: Buffer, piece: ByteRun) => target.subarray(0, await readInto(target, piece.offset))
    : (_target: Buffer, piece: ByteRun) => source.read(piece.offset, piece.length);
  let written = 0;
  await pipePieces(
    runs,
    read,
    async (bytes) => {
      for (let at = 0; at < bytes.length; ) at += (await handle.write(bytes, at, bytes.length - at)).bytesWritten;
      written += bytes.length;
      if (bytes.length > 0) onBytes(bytes.length);
    },
    signal,
  );
  return written;
}

/** Lower-case hex SHA-256 of a file as it is on the disk now (the written copy, read back). */
export async function sha256OfFile(path: string, signal?: AbortSignal): Promise<string> {
  const hash = createHash('sha256');
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    await pipePieces(
      [{ offset: 0, length: size }],
      async (target, piece) => {
        let filled = 0;
        while (filled < target.length) {
          const { bytesRead } = await handle.read(target, filled, target.length - filled, piece.offset + filled);
          if (bytesRead === 0) break;
          filled += bytesRead;
        }
        return target.subarray(0, filled);
      },
      (bytes) => void hash.update(bytes),
      signal,
    );
    return hash.digest('hex');
  } finally {
    await handle.close();
  }
}
