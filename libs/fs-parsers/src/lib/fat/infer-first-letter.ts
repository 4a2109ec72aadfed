import type { FsEntry } from '../filesystem.js';
import { LOST_FIRST_CHARACTER as LOST_MARK } from './long-names.js';

/** The rest of an 8.3 name with its digits masked: IMG_0042.JPG and _MG_0007.JPG share "MG_####.JPG". */
const pattern = (name: string) => name.slice(1).replace(/[0-9]/g, '#');
/** The same without the extension: a camera names its RAWs and movies like its JPEGs (IMG_0031.CR3 beside IMG_0030.JPG). */
const stemPattern = (name: string) => pattern(name).replace(/\.[^.]*$/, '');

function folderOf(path: string): string {
  return path.slice(0, path.lastIndexOf('/') + 1);
}

/**
 * FAT overwrites the first byte of a deleted entry's name with 0xE5, and without a long name that
 * character is gone. Cameras name files in series (IMG_0001.JPG, DSC01234.JPG…), so when every
 * look-alike name in the same folder starts with the same character, that character is a good
 * guess: it goes into `inferredName`, with a note. Nothing is guessed when look-alikes disagree.
 */
export function inferLostFirstLetters(entries: FsEntry[]): void {
  const byFolder = new Map<string, FsEntry[]>();
  for (const entry of entries) {
    const folder = folderOf(entry.path);
    const list = byFolder.get(folder) ?? [];
    list.push(entry);
    byFolder.set(folder, list);
  }
  for (const siblings of byFolder.values()) {
    for (const entry of siblings) {
      if (!entry.deleted || !entry.notes.includes(LOST_MARK)) continue;
      const candidates = siblings.filter((s) => s !== entry && !s.notes.includes(LOST_MARK));
      const alike = (shape: (name: string) => string) => candidates.filter((s) => shape(s.name.toUpperCase()) === shape(entry.name.toUpperCase()));
      const sameType = alike(pattern);
      const models = sameType.length > 0 ? sameType : alike(stemPattern);
      const letters = new Set(models.map((s) => s.name[0]?.toUpperCase()));
      const [letter] = letters;
      if (letters.size !== 1 || !letter || !/^[A-Z0-9]$/.test(letter)) continue;
      entry.inferredName = letter + entry.name.slice(1);
      entry.notes.push(`first character '${letter}' inferred from ${models[0]?.name} in the same folder (${models.length} look-alike name${models.length > 1 ? 's' : ''})`);
    }
  }
}
