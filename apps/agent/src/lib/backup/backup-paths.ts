import { createReadStream } from 'node:fs';
import { MultiHasher, type HashKind } from '@afterimage/cloud-adapters';
import type { RecoveredPhoto } from './recovered-photos.js';

/** YYYY/MM of when the photo was taken (or last modified), or "undated". */
export function datedFolder(takenAt: string | undefined): string {
  const match = /^(\d{4})-(\d{2})/.exec(takenAt ?? '');
  const year = Number(match?.[1]);
  const month = Number(match?.[2]);
  return match && year >= 1900 && year <= 2200 && month >= 1 && month <= 12 ? `${match[1]}/${match[2]}` : 'undated';
}

/** A file name every target accepts: no separators, control characters or leading dots. */
export function safeName(name: string): string {
  const clean = [...name].map((c) => (c.charCodeAt(0) < 0x20 || '/\\<>:"|?*'.includes(c) ? '_' : c)).join('');
  return clean.replace(/^\.+/, '_').trim().slice(0, 200) || 'photo';
}

/** Where a photo goes on every target: YYYY/MM/<name>, the same on every run. */
export const preferredPath = (photo: Pick<RecoveredPhoto, 'name' | 'takenAt'>) => `${datedFolder(photo.takenAt)}/${safeName(photo.name)}`;

/** Where it goes when another photo has its preferred path: YYYY/MM/<stem>-<first 8 of sha256>.<ext>. */
export function alternatePath(photo: Pick<RecoveredPhoto, 'name' | 'takenAt' | 'sha256'>): string {
  const name = safeName(photo.name);
  const dot = name.lastIndexOf('.');
  const [stem, ext] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ''];
  return `${datedFolder(photo.takenAt)}/${stem}-${photo.sha256.slice(0, 8)}${ext}`;
}

/** Hashes of a local file in the notations providers report (to tell whether a stored object is this photo). */
export async function hashFile(path: string, kinds: readonly HashKind[]): Promise<Partial<Record<HashKind, string>>> {
  const hasher = new MultiHasher([...new Set(kinds)]);
  for await (const chunk of createReadStream(path)) hasher.update(chunk as Buffer);
  return hasher.digests();
}
