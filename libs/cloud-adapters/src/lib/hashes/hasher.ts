/** A streaming hash: feed the bytes in any number of chunks, split anywhere, then read the digest once. */
export interface Hasher {
  update(chunk: Buffer): void;
  /** The digest in the provider's own notation (hex for sha256/md5/sha1/dropbox, base64 for quickxor). */
  digest(): string;
}
