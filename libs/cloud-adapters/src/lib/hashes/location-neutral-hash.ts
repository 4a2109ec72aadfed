import { createHash } from 'node:crypto';
import type { Hasher } from './hasher.js';
import { canonicalPhoto, isHeif, isJpeg } from './photo-canonical.js';

/** Bytes looked at to tell a JPEG or HEIF image from anything else (a HEIF's ftyp lists its brands there). */
const SNIFF_BYTES = 256;
/** A photo larger than this is hashed as raw bytes (the canonical form needs the whole file in memory). */
export const MAX_CANONICAL_BYTES = 128 * 1024 * 1024;
const DOMAIN = Buffer.from('afterimage sha256-no-gps 1\n', 'latin1');

/**
 * The `sha256-no-gps` digest: sha256 over a rendering of the file in which the location (the Exif GPS
 * directory and the pointer to it) is left out, and where the Exif block sits does not count
 * (photo-canonical.ts says exactly what is compared). It exists for Google Photos, whose =d download keeps
 * "all the Exif metadata except the location metadata": a photo and its download digest the same when the
 * download is that photo without its location, and differ at any other change — a pixel (scan) byte, a
 * table, a truncation, another Exif value. Files that are neither JPEG nor HEIF (and photos over 128 MiB)
 * are digested as their raw bytes, so for them it is as strict as sha256 (but never equal to it).
 */
export class LocationNeutralHasher implements Hasher {
  private readonly hash = createHash('sha256').update(DOMAIN);
  private held: Buffer[] = [];
  private heldLength = 0;
  private mode: 'sniffing' | 'holding' | 'raw' = 'sniffing';

  update(chunk: Buffer): void {
    if (this.mode === 'raw') {
      this.hash.update(chunk);
      return;
    }
    this.held.push(chunk);
    this.heldLength += chunk.length;
    if (this.mode === 'sniffing' && this.heldLength >= SNIFF_BYTES) this.mode = this.photo() ? 'holding' : this.raw();
    else if (this.mode === 'holding' && this.heldLength > MAX_CANONICAL_BYTES) this.mode = this.raw();
  }

  digest(): string {
    if (this.mode !== 'raw') {
      const bytes = Buffer.concat(this.held);
      this.held = [];
      const parts = this.photo(bytes) ? canonicalPhoto(bytes) : undefined;
      if (parts) for (const part of parts) this.hash.update(part);
      else this.hash.update('R').update(bytes);
    }
    return this.hash.digest('hex');
  }

  private photo(bytes = Buffer.concat(this.held)): boolean {
    const head = bytes.subarray(0, SNIFF_BYTES);
    return isJpeg(head) || isHeif(head);
  }

  /** From now on the bytes go straight into the hash. */
  private raw(): 'raw' {
    this.hash.update('R');
    for (const part of this.held) this.hash.update(part);
    this.held = [];
    return 'raw';
  }
}
