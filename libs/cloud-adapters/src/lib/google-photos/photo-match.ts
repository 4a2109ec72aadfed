import type { ExpectedContent, StoredObject } from '../backup-target.js';
import type { ContentSource } from '../content.js';
import { IntegrityError } from '../errors.js';
import { SentBytesHash } from '../hashes/sent-bytes-hash.js';
import type { ItemDigest } from './photos-download.js';

/** A download may come back a little longer than the photo sent (a rewritten Exif block) and still be it; past this, it is not read. */
export const DOWNLOAD_SLACK = 1024 * 1024;

/**
 * Tells whether a media item is the photo handed to `put`, from its download's digest. Google Photos gives
 * back a photo without its location (=d keeps "all the Exif metadata except the location metadata"), so:
 * - a download equal to the bytes sent, in size and sha256, is a copy byte for byte: `sha256` (and
 *   `sha256-no-gps`) vouch for it;
 * - a download whose sha256-no-gps equals that of the bytes sent is that photo without its location (every
 *   other byte the same; hashes/photo-canonical.ts lists what is not compared): only `sha256-no-gps` vouches,
 *   so the ledger says the copy was checked without its location;
 * - anything else is another file.
 * The sha256-no-gps of the content is computed once, on first need, by reading it again; the content must
 * still be the bytes `expected` describes.
 */
export class PhotoMatch {
  private sent?: Promise<string>;

  constructor(
    private readonly name: string,
    private readonly content: ContentSource,
    private readonly expected: ExpectedContent,
    private readonly signal?: AbortSignal,
  ) {}

  /** The hashes by which the download is this photo, or undefined when it is not. */
  async hashes(digest: ItemDigest): Promise<StoredObject['hashes'] | undefined> {
    if (digest.truncated) return undefined;
    if (digest.size === this.expected.size && digest.sha256 === this.expected.sha256) return { sha256: digest.sha256, 'sha256-no-gps': digest.noGps };
    if (digest.noGps === (await this.noGps())) return { 'sha256-no-gps': digest.noGps };
    return undefined;
  }

  private noGps(): Promise<string> {
    this.sent ??= this.digestContent();
    return this.sent;
  }

  private async digestContent(): Promise<string> {
    const digests = await new SentBytesHash(this.content, ['sha256', 'sha256-no-gps']).whole(this.signal);
    if (digests.size !== this.expected.size || digests.sha256 !== this.expected.sha256) {
      throw new IntegrityError(`${this.name}: the content reads as ${digests.size} bytes with sha256 ${digests.sha256}, not the expected ${this.expected.size} bytes with ${this.expected.sha256}.`);
    }
    return digests['sha256-no-gps'];
  }
}
