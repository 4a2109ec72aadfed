import type { HashKind } from '../backup-target.js';
import { DropboxContentHasher } from './dropbox-content-hash.js';
import type { Hasher } from './hasher.js';
import { LocationNeutralHasher } from './location-neutral-hash.js';
import { nodeHasher } from './node-hash.js';
import { QuickXorHasher } from './quickxor-hash.js';

export type { Hasher } from './hasher.js';
export { DROPBOX_BLOCK_SIZE, DropboxContentHasher } from './dropbox-content-hash.js';
export { QuickXorHasher } from './quickxor-hash.js';
export { LocationNeutralHasher } from './location-neutral-hash.js';

/** A fresh hasher for one kind, giving the digest in the notation the provider reports it in. */
export function createHasher(kind: HashKind): Hasher {
  switch (kind) {
    case 'sha256':
    case 'md5':
    case 'sha1':
      return nodeHasher(kind);
    case 'dropbox':
      return new DropboxContentHasher();
    case 'quickxor':
      return new QuickXorHasher();
    case 'sha256-no-gps':
      return new LocationNeutralHasher();
  }
}

/** Whether a copy checked by this kind may differ from the photo in its location data (and size): see HashKind. */
export function isLocationNeutral(kind: HashKind): boolean {
  return kind === 'sha256-no-gps';
}

/** Several hashes over one pass of the bytes (e.g. sha256 for `expected` plus the provider's own). */
export class MultiHasher {
  private readonly hashers: ReadonlyMap<HashKind, Hasher>;
  private result?: Partial<Record<HashKind, string>>;

  constructor(kinds: readonly HashKind[]) {
    this.hashers = new Map(kinds.map((kind) => [kind, createHasher(kind)]));
  }

  update(chunk: Buffer): void {
    if (this.result) throw new Error('MultiHasher.update after digests()');
    for (const hasher of this.hashers.values()) hasher.update(chunk);
  }

  /** The digests by kind; may be called again (the same answer). */
  digests(): Partial<Record<HashKind, string>> {
    this.result ??= Object.fromEntries([...this.hashers].map(([kind, hasher]) => [kind, hasher.digest()]));
    return { ...this.result };
  }
}
