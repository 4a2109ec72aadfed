import type { ContentSource } from '../content.js';
import { IntegrityError } from '../errors.js';
import { MultiHasher } from '../hashes/index.js';

/**
 * sha256 and md5 over the bytes of an upload, in order, as Drive acknowledges them. A resumed upload
 * first hashes (without sending) the bytes Drive already has from an earlier attempt; a session that
 * starts over from a lower offset starts the hashes over too. The result is compared with Drive's
 * md5Checksum/sha256Checksum of the stored file and with the caller's expected sha256.
 */
export class SentBytesHasher {
  private hasher = new MultiHasher(['sha256', 'md5']);
  private position = 0;

  constructor(private readonly content: ContentSource) {}

  /** Bytes hashed so far. */
  get hashed(): number {
    return this.position;
  }

  /** Takes the next bytes of the upload (they start where the hash stands). */
  feed(bytes: Buffer): void {
    this.hasher.update(bytes);
    this.position += bytes.length;
  }

  /** Brings the hash to exactly `offset` bytes, reading from the source what it has not seen yet. */
  async catchUp(offset: number, signal?: AbortSignal): Promise<void> {
    if (offset < this.position) {
      this.hasher = new MultiHasher(['sha256', 'md5']);
      this.position = 0;
    }
    if (offset === this.position) return;
    for await (const chunk of this.content.read(this.position, offset)) {
      signal?.throwIfAborted();
      this.feed(chunk.subarray(0, offset - this.position));
      if (this.position >= offset) break;
    }
    if (this.position !== offset) throw new IntegrityError(`The source ended at ${this.position} bytes, before the ${offset} bytes it was said to hold.`);
  }

  /** The digests over the whole content (hex, lower case). */
  async digests(signal?: AbortSignal): Promise<{ sha256: string; md5: string }> {
    await this.catchUp(this.content.size, signal);
    const { sha256 = '', md5 = '' } = this.hasher.digests();
    return { sha256, md5 };
  }
}
