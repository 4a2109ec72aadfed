import { TooLargeError } from './errors.js';

export interface BoundedReadOptions {
  /** More than this many bytes (announced or delivered) is refused with TooLargeError. */
  maxBytes: number;
  /** For the message: "the thumbnail of IMG_0001.jpg from Dropbox". */
  what: string;
  /** For the message, what the limit is for: "a preview" when absent, "an answer" for an API's reply. */
  readFor?: string;
  /** The length the sender announced (Content-Length), when it did: refused before reading when over the limit. */
  declared?: string | number | null;
  signal?: AbortSignal;
}

/** A Content-Length header as a number of bytes, or undefined when absent or not a plain count. */
function declaredLength(value: string | number | null | undefined): number | undefined {
  if (typeof value === 'number') return Number.isSafeInteger(value) && value >= 0 ? value : undefined;
  if (typeof value !== 'string' || !/^\d{1,16}$/.test(value.trim())) return undefined;
  return Number(value.trim());
}

/**
 * Reads a body into one Buffer of at most `maxBytes`. A sender that announces more is refused
 * before a byte is read; one that sends more stops being read at the first chunk past the limit.
 * Leaving the loop early (a throw) ends the iterator, which cancels a fetch body or destroys a
 * stream: nothing past the limit is waited for.
 */
export async function readBounded(body: AsyncIterable<Uint8Array> | ReadableStream<Uint8Array> | null, options: BoundedReadOptions): Promise<Buffer> {
  // A fetch body (a web ReadableStream) is async iterable in node; ending the loop early cancels it.
  const chunks = (body ?? []) as AsyncIterable<Uint8Array>;
  const { maxBytes, what, signal, readFor = 'a preview' } = options;
  if (!Number.isSafeInteger(maxBytes) || maxBytes < 0) throw new RangeError(`maxBytes must be a byte count, not ${maxBytes}.`);
  const announced = declaredLength(options.declared);
  if (announced !== undefined && announced > maxBytes) throw new TooLargeError(`${what} is ${announced} bytes, more than the ${maxBytes} read for ${readFor}.`);
  const parts: Buffer[] = [];
  let total = 0;
  for await (const chunk of chunks) {
    signal?.throwIfAborted();
    total += chunk.length;
    if (total > maxBytes) throw new TooLargeError(`${what} ran past the ${maxBytes} bytes read for ${readFor}; reading stopped there.`);
    parts.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length));
  }
  return Buffer.concat(parts, total);
}

/** Cancels a fetch Response's body that will not be read (so its connection is not left open). */
export async function discardBody(response: Response): Promise<void> {
  await response.body?.cancel().catch(() => undefined);
}
