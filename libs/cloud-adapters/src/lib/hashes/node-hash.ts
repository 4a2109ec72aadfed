import { createHash } from 'node:crypto';
import type { Hasher } from './hasher.js';

/** sha256, md5 or sha1 from node:crypto, as lower-case hex (Drive's md5Checksum/sha256Checksum, Graph's sha1Hash lower-cased). */
export function nodeHasher(algorithm: 'sha256' | 'md5' | 'sha1'): Hasher {
  const hash = createHash(algorithm);
  return {
    update: (chunk) => void hash.update(chunk),
    digest: () => hash.digest('hex'),
  };
}
