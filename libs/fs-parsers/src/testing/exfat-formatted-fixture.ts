/**
 * The quick-formatted exFAT card built by tools/fixtures/build-exfat-fixtures.sh (exfat-formatted):
 * its manifest says where each file was before the format and where Afterimage lists it now.
 */
import { exfatFiles } from './exfat-fixtures.js';
import type { FormattedEntry } from './formatted-fixture.js';

/** As on the formatted FAT card, with access times. */
export interface ExfatFormattedEntry extends FormattedEntry {
  /** UTC, as set with touch -d (a top folder's own times were in the old root: gone). */
  modifiedAt?: string;
  accessedAt?: string;
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

export const loadExfatFormattedManifest = (): ExfatFormattedManifest => exfatFiles.manifest(EXFAT_FORMATTED_FIXTURE);

export const exfatFormattedImage = (): Buffer => exfatFiles.image(EXFAT_FORMATTED_FIXTURE);
