import { createHash } from 'node:crypto';
import type { BackupTarget, ExpectedContent, HashKind, StoredObject } from '../lib/backup-target.js';
import type { ContentSource } from '../lib/content.js';
import { MultiHasher } from '../lib/hashes/index.js';

/** A seeded generator (mulberry32), so a failing run can be repeated byte for byte. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}

/** JPEG start (SOI + a JFIF APP0 segment) and end (EOI) markers around incompressible bytes. */
const JFIF_HEAD = Buffer.from('ffd8ffe000104a46494600010100000100010000', 'hex');
const JPEG_END = Buffer.from('ffd9', 'hex');

/** Bytes that look like a JPEG to a sniffer (what a recovered photo looks like), `size` long, by `seed`. */
export function photoLike(size: number, seed = 1): Buffer {
  if (size < JFIF_HEAD.length + JPEG_END.length) throw new RangeError(`A photo-like file needs at least 22 bytes, not ${size}.`);
  const bytes = Buffer.alloc(size);
  const next = seeded(seed);
  for (let at = 0; at + 4 <= size; at += 4) bytes.writeUInt32LE(next(), at);
  for (let at = size - (size % 4); at < size; at++) bytes[at] = next() & 0xff;
  JFIF_HEAD.copy(bytes, 0);
  JPEG_END.copy(bytes, size - JPEG_END.length);
  return bytes;
}

/**
 * A real 48×32 baseline JPEG (red left half, blue right, a green ramp top to bottom) that decoders and
 * thumbnailers accept. Made with sharp: raw RGB pixels → `.jpeg({ quality: 70 })`.
 */
const SMALL_JPEG =
  '/9j/2wBDAAoHBwgHBgoICAgLCgoLDhgQDg0NDh0VFhEYIx8lJCIfIiEmKzcvJik0KSEiMEExNDk7Pj4+JS5ESUM8SDc9Pjv/2wBDAQoLCw4NDhwQEBw7KCIoOzs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozv/wAARCAAgADADASIAAhEBAxEB/8QAFgABAQEAAAAAAAAAAAAAAAAABQAG/8QAFhAAAwAAAAAAAAAAAAAAAAAAABRh/8QAFgEBAQEAAAAAAAAAAAAAAAAABgcF/8QAGhEAAgIDAAAAAAAAAAAAAAAAABQEBjOCwf/aAAwDAQACEQMRAD8AzyUJKD6UJKGCyUFsASgAlDfJQATgtrUnLr0KWSXi24AJQkoPpwk4LWQm2b5OEnB9KElCBMitsATgAlDfJQASgtrUnLr0J2SXi24AJQkoPpQkoLWQo2f/2Q==';

export function smallJpeg(): Buffer {
  return Buffer.from(SMALL_JPEG, 'base64');
}

/** True for the first bytes of a JPEG, PNG, GIF or WebP: what a provider's thumbnail comes as. */
export function looksLikeImage(bytes: Buffer): boolean {
  const jpeg = bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
  const png = bytes.subarray(0, 8).equals(Buffer.from('89504e470d0a1a0a', 'hex'));
  const gif = bytes.subarray(0, 4).toString('latin1') === 'GIF8';
  const webp = bytes.subarray(0, 4).toString('latin1') === 'RIFF' && bytes.subarray(8, 12).toString('latin1') === 'WEBP';
  return jpeg || png || gif || webp;
}

/** What a caller hands `put` as `expected` for these bytes. */
export function expectedOf(bytes: Buffer): ExpectedContent {
  return { size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') };
}

/** The hashes of these bytes in each kind, computed locally. */
export function hashesOf(bytes: Buffer, kinds: readonly HashKind[]): Partial<Record<HashKind, string>> {
  const hasher = new MultiHasher(kinds);
  hasher.update(bytes);
  return hasher.digests();
}

/** A re-readable source over `bytes` that yields at most `chunkSize` at a time and counts what was read. */
export function countingSource(bytes: Buffer, chunkSize = 16 * 1024): ContentSource & { bytesRead: number } {
  const source = {
    size: bytes.length,
    bytesRead: 0,
    async *read(start = 0, end = bytes.length) {
      for (let at = start; at < end; at += chunkSize) {
        const chunk = bytes.subarray(at, Math.min(end, at + chunkSize));
        source.bytesRead += chunk.length;
        yield chunk;
      }
    },
  };
  return source;
}

/** Everything an async iterable yields, in order. */
export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

/** The stored bytes of `path`, read back through `open`. */
export async function readBack(target: BackupTarget, path: string): Promise<Buffer> {
  return Buffer.concat(await collect(target.open(path)));
}

/** The objects the target lists at exactly `path` (more than one means a duplicate). */
export async function objectsAt(target: BackupTarget, path: string): Promise<StoredObject[]> {
  const folder = path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '';
  return (await collect(target.list(folder))).filter((object) => object.path === path);
}

export { MapSessionStore } from '../lib/map-session-store.js';

/** True when `error` or one of its causes is an AbortError (how a cancelled put must end). */
export function isAbort(error: unknown): boolean {
  for (let e = error, depth = 0; e && depth < 8; e = (e as { cause?: unknown }).cause, depth++) {
    if ((e as { name?: unknown }).name === 'AbortError') return true;
  }
  return false;
}
