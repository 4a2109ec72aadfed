import { readdir } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { MAX_SPLIT_PIECES } from '@afterimage/fs-parsers';
import { DeviceError } from '../errors.js';

/**
 * The names of split images Afterimage recognises:
 * - numbered: `card.img.001`, `.002`… (FTK Imager, 7-Zip, `split -d -a 3`) or `.00`, `.01`…
 *   (`split -d`): two to six digits of one width, starting at 0 or 1;
 * - lettered: `card.img.aa`, `.ab`… `.zz` (GNU `split`'s default), starting at `aa`. Only when a
 *   `.aa` piece is there, so `card.dd` alone stays a plain image.
 */
export interface SplitName {
  base: string;
  style: 'numbered' | 'lettered';
  width: number;
  index: number;
}

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

export function parseSplitName(fileName: string): SplitName | undefined {
  const numbered = /^(.+)\.(\d{2,6})$/.exec(fileName);
  if (numbered) {
    const digits = numbered[2] as string;
    return { base: numbered[1] as string, style: 'numbered', width: digits.length, index: Number(digits) };
  }
  const lettered = /^(.+)\.([a-z]{2})$/.exec(fileName);
  if (lettered) {
    const [first, second] = [...(lettered[2] as string)].map((c) => LETTERS.indexOf(c)) as [number, number];
    return { base: lettered[1] as string, style: 'lettered', width: 2, index: first * 26 + second };
  }
  return undefined;
}

export function splitPieceName({ base, style, width }: Omit<SplitName, 'index'>, index: number): string {
  const suffix = style === 'numbered' ? String(index).padStart(width, '0') : `${LETTERS[Math.floor(index / 26)]}${LETTERS[index % 26]}`;
  return `${base}.${suffix}`;
}

/**
 * The pieces of the split image `path` belongs to, in order, or undefined when it is a plain file
 * (no split name, or no other piece beside it). A gap in the numbering is a MISSING_PIECE error:
 * every byte after a missing piece would be read at the wrong offset.
 */
export async function findSplitSet(path: string): Promise<string[] | undefined> {
  const name = parseSplitName(basename(path));
  if (!name) return undefined;
  const folder = dirname(path);
  const present = new Map<number, string>();
  for (const entry of await readdir(folder)) {
    const other = parseSplitName(entry);
    if (other && other.base === name.base && other.style === name.style && other.width === name.width) present.set(other.index, entry);
  }
  if (name.style === 'lettered' && !present.has(0)) return undefined;
  if (present.size < 2) return undefined;
  const start = present.has(0) ? 0 : present.has(1) ? 1 : undefined;
  if (start === undefined) {
    throw new DeviceError('MISSING_PIECE', `The split image ${basename(path)} has no first piece (${splitPieceName(name, 1)} or ${splitPieceName(name, 0)}); all pieces are needed.`);
  }
  const pieces: string[] = [];
  for (let index = start; present.has(index); index++) {
    if (pieces.length >= MAX_SPLIT_PIECES) throw new DeviceError('NOT_A_SOURCE', `The split image ${name.base} has more than ${MAX_SPLIT_PIECES} pieces.`);
    pieces.push(join(folder, present.get(index) as string));
  }
  const missing = splitPieceName(name, start + pieces.length);
  const later = [...present.keys()].filter((index) => index > start + pieces.length).sort((a, b) => a - b);
  if (later.length > 0) {
    throw new DeviceError(
      'MISSING_PIECE',
      `The split image ${name.base} is missing ${missing}: the pieces go on to ${present.get(later.at(-1) as number)}. All pieces are needed, in order.`,
    );
  }
  return pieces;
}
