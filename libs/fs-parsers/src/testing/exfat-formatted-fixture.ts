/**
 * The quick-formatted exFAT card built by tools/fixtures/build-exfat-fixtures.sh (exfat-formatted):
 * its manifest says where each file was before the format and where Afterimage lists it now.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { EXFAT_FIXTURE_DIR } from './exfat-fixtures.js';

export interface ExfatFormattedEntry {
  /** The path on the card before the format. */
  path: string;
  isDirectory: boolean;
  size: number;
  deletedBeforeFormat: boolean;
  sha256?: string;
  /** UTC, as set with touch -d (a top folder's own times were in the old root: gone). */
  modifiedAt?: string;
  accessedAt?: string;
  tags?: string[];
  /** Where it is listed now, under /$OrphanFiles/; absent when its entry set was in the root (gone). */
  orphanPath?: string;
  lostWithRoot?: boolean;
}

export interface ExfatFormattedManifest {
  image: string;
  filesystem: 'exfat';
  volumeLabel: string;
  clusterSize: number;
  cardTimeZone: string;
  note: string;
  entries: ExfatFormattedEntry[];
}

export const EXFAT_FORMATTED_FIXTURE = 'exfat-formatted';

export function loadExfatFormattedManifest(): ExfatFormattedManifest {
  return JSON.parse(readFileSync(join(EXFAT_FIXTURE_DIR, `${EXFAT_FORMATTED_FIXTURE}.json`), 'utf8')) as ExfatFormattedManifest;
}

export function exfatFormattedImage(): Buffer {
  return gunzipSync(readFileSync(join(EXFAT_FIXTURE_DIR, `${EXFAT_FORMATTED_FIXTURE}.img.gz`)));
}
