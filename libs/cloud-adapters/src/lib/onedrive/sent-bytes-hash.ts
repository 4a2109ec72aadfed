import type { HashKind } from '../backup-target.js';
import type { ContentSource } from '../content.js';
import { MultiHasher } from '../hashes/index.js';

const KINDS: readonly HashKind[] = ['quickxor', 'sha256'];

/**
 * QuickXorHash and sha256 of the bytes an upload has committed so far, kept in step with where the
 * provider says it is. Fragments are hashed once acknowledged; when the provider's offset is not where
 * the hash stands (a resumed upload, a fragment that was lost, a new session from zero), the missing
 * bytes are read again from the re-readable source (from the start when it went backwards).
 */
export class SentBytesHash {
  private hasher = new MultiHasher(KINDS);
  private at = 0;
  private finished = false;

  constructor(private readonly content: ContentSource) {}

  /** The provider has every byte before `committed`; `fragment` (sent from `start`) may cover the step. */
  async advance(committed: number, fragment?: { start: number; bytes: Buffer }, signal?: AbortSignal): Promise<void> {
    if (committed === this.at && !this.finished) return;
    if (committed < this.at || this.finished) this.reset();
    if (fragment && fragment.start === this.at && committed <= fragment.start + fragment.bytes.length) {
      this.hasher.update(fragment.bytes.subarray(0, committed - fragment.start));
      this.at = committed;
      return;
    }
    for await (const chunk of this.content.read(this.at, committed)) {
      signal?.throwIfAborted();
      this.hasher.update(chunk);
    }
    this.at = committed;
  }

  /** The digests over [0, committed); the hash is then closed (a later advance starts again from zero). */
  digests(): { quickxor: string; sha256: string; size: number } {
    this.finished = true;
    const digests = this.hasher.digests();
    return { quickxor: digests.quickxor ?? '', sha256: digests.sha256 ?? '', size: this.at };
  }

  private reset(): void {
    this.hasher = new MultiHasher(KINDS);
    this.at = 0;
    this.finished = false;
  }
}
