import { createHash, type Hash } from 'node:crypto';
import type { Hasher } from './hasher.js';

/** Dropbox hashes content in blocks of 4 MiB. */
export const DROPBOX_BLOCK_SIZE = 4 * 1024 * 1024;

/**
 * Dropbox's `content_hash`, as documented at https://www.dropbox.com/developers/reference/content-hash:
 * split the bytes into 4 MiB blocks (the last may be shorter), SHA-256 each block, concatenate the raw
 * 32-byte block hashes and SHA-256 that, in hex. An empty file has no block, so its hash is the
 * SHA-256 of the empty string.
 */
export class DropboxContentHasher implements Hasher {
  private readonly overall = createHash('sha256');
  private block: Hash = createHash('sha256');
  private inBlock = 0;

  update(chunk: Buffer): void {
    let at = 0;
    while (at < chunk.length) {
      const take = Math.min(chunk.length - at, DROPBOX_BLOCK_SIZE - this.inBlock);
      this.block.update(chunk.subarray(at, at + take));
      this.inBlock += take;
      at += take;
      if (this.inBlock === DROPBOX_BLOCK_SIZE) this.endBlock();
    }
  }

  digest(): string {
    if (this.inBlock > 0) this.endBlock();
    return this.overall.digest('hex');
  }

  private endBlock(): void {
    this.overall.update(this.block.digest());
    this.block = createHash('sha256');
    this.inBlock = 0;
  }
}
