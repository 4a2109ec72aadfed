import { createReadStream } from 'node:fs';

/**
 * Bytes to upload that can be read again from any offset: a retry or a resumed upload session asks
 * for the rest from where the provider says it stopped (restic's "a reader that is safe to retry").
 */
export interface ContentSource {
  readonly size: number;
  /** The bytes from `start` (inclusive) to `end` (exclusive; the size when absent). */
  read(start?: number, end?: number): AsyncIterable<Buffer>;
}

export function bufferContent(bytes: Buffer, chunkSize = 1 << 20): ContentSource {
  return {
    size: bytes.length,
    async *read(start = 0, end = bytes.length) {
      for (let at = start; at < end; at += chunkSize) yield bytes.subarray(at, Math.min(end, at + chunkSize));
    },
  };
}

export function fileContent(path: string, size: number): ContentSource {
  return {
    size,
    async *read(start = 0, end = size) {
      if (end <= start) return;
      for await (const chunk of createReadStream(path, { start, end: end - 1 })) yield chunk as Buffer;
    },
  };
}

/** All of the content from `start` to `end` in one Buffer (for one upload chunk; bounded by the caller). */
export async function readRange(content: ContentSource, start: number, end: number): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of content.read(start, end)) parts.push(chunk);
  return Buffer.concat(parts);
}
