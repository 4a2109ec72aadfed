import { createHash, type Hash } from 'node:crypto';
import type { ContentSource } from '../content.js';

/**
 * sha256 over the bytes of an upload in file order, fed chunk by chunk as they are sent. A chunk that does not
 * follow the last one (a resume from an offset the server reported, or a chunk sent again after a cut) is
 * handled by reading the missing bytes again from the content, or by starting over: the digest is always of
 * bytes 0..size in order, never of what happened to be sent twice.
 */
export class SentHash {
  private hash: Hash = createHash('sha256');
  private position = 0;
  private result?: { sha256: string; size: number };

  constructor(private readonly content: ContentSource) {}

  async feed(offset: number, chunk: Buffer, signal?: AbortSignal): Promise<void> {
    if (offset === this.position && chunk.length === 0) return;
    if (offset < this.position) {
      this.hash = createHash('sha256');
      this.position = 0;
      this.result = undefined;
    }
    if (this.result) throw new RangeError(`Bytes fed at ${offset}, past the ${this.position} already digested.`);
    if (offset > this.position) {
      for await (const part of this.content.read(this.position, offset)) {
        signal?.throwIfAborted();
        this.hash.update(part);
        this.position += part.length;
      }
      if (this.position !== offset) throw new RangeError(`The content gave ${this.position} bytes where ${offset} were expected.`);
    }
    this.hash.update(chunk);
    this.position += chunk.length;
  }

  /** The sha256 (hex) and byte count of everything fed so far (no more can be fed after, except from an earlier offset). */
  digest(): { sha256: string; size: number } {
    this.result ??= { sha256: this.hash.digest('hex'), size: this.position };
    return this.result;
  }
}
