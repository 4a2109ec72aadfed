/**
 * The quick-formatted FAT32 card built by tools/fixtures/build-fat-fixtures.sh (fat32-formatted):
 * its manifest says where each file was before the format and where Afterimage lists it now.
 */
import { fatFiles } from './fat-fixtures.js';

export interface FormattedEntry {
  /** The path on the card before the format. */
  path: string;
  isDirectory: boolean;
  size: number;
  deletedBeforeFormat: boolean;
  sha256?: string;
  modifiedAt?: string;
  tags?: string[];
  /** Where it is listed now, under /$OrphanFiles/; absent when its entry was in the root (gone). */
  orphanPath?: string;
  lostWithRoot?: boolean;
}

export interface FormattedManifest {
  image: string;
  fatType: string;
  volumeLabel: string;
  volumeIdBefore: string;
  volumeIdAfter: string;
  entries: FormattedEntry[];
}

export const FORMATTED_FIXTURE = 'fat32-formatted';

export const loadFormattedManifest = (): FormattedManifest => fatFiles.manifest(FORMATTED_FIXTURE);

export const formattedImage = (): Buffer => fatFiles.image(FORMATTED_FIXTURE);
