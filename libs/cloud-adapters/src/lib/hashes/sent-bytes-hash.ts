import type { HashKind } from '../backup-target.js';
import type { ContentSource } from '../content.js';
import { IntegrityError } from '../errors.js';
import { MultiHasher } from './index.js';

/** Bytes an upload just sent, from offset `start`. */
export interface SentBytes {
  start: number;
  bytes: Buffer;
}

/**
 * The hashes of the bytes an upload has handed over, always of bytes 0..n of the content in order, kept
 * in step with where the provider says it stands. Bytes just sent are hashed when they go on from where
 * the hash stands; whatever else is missing (a resumed upload, a provider that took more than this run
 * sent) is read again from the re-readable source; a provider that went back (a lost chunk, a new
 * session from zero) starts the hash over. So a chunk sent twice is never hashed twice.
 */
export class SentBytesHash<K extends HashKind> {
  private hasher: MultiHasher;
  private at = 0;
  private closed = false;

  constructor(
    private readonly content: ContentSource,
    private readonly kinds: readonly K[],
  ) {
    this.hasher = new MultiHasher(kinds);
  }

  /** Bytes hashed so far. */
  get hashed(): number {
    return this.at;
  }

  /**
   * Brings the hash to exactly `end` bytes, taking `sent` where it goes on from the hash and reading the
   * rest from the content. After digests() the hash is closed: the same end again changes nothing, an
   * earlier one starts over from zero, a later one is a RangeError.
   */
  async advance(end: number, sent?: SentBytes, signal?: AbortSignal): Promise<void> {
    if (end === this.at) return;
    if (end < this.at) this.restart();
    else if (this.closed) throw new RangeError(`Bytes up to ${end} were hashed after the digests of the first ${this.at} were taken.`);
    if (sent && sent.start === this.at) this.update(sent.bytes.subarray(0, end - this.at));
    if (this.at === end) return;
    for await (const chunk of this.content.read(this.at, end)) {
      signal?.throwIfAborted();
      this.update(chunk.subarray(0, end - this.at));
      if (this.at >= end) break;
    }
    if (this.at !== end) throw new IntegrityError(`The source gave ${this.at} bytes where ${end} were expected; it changed while uploading.`);
  }

  /** The digests of the bytes hashed so far (hex; base64 for quickxor) and their count. Closes the hash (see advance). */
  digests(): Record<K, string> & { size: number } {
    this.closed = true;
    const all = this.hasher.digests();
    const digests = Object.fromEntries(this.kinds.map((kind) => [kind, all[kind] ?? ''])) as Record<K, string>;
    return { ...digests, size: this.at };
  }

  /** The digests of the whole content: what is not hashed yet is read from it first. */
  async whole(signal?: AbortSignal): Promise<Record<K, string> & { size: number }> {
    await this.advance(this.content.size, undefined, signal);
    return this.digests();
  }

  private update(bytes: Buffer): void {
    this.hasher.update(bytes);
    this.at += bytes.length;
  }

  private restart(): void {
    this.hasher = new MultiHasher(this.kinds);
    this.at = 0;
    this.closed = false;
  }
}
