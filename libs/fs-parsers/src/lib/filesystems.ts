import { AmbiguousFilesystemError } from './errors.js';
import { exfat } from './exfat/exfat-descriptor.js';
import { fat12, fat16, fat32 } from './fat/fat-descriptors.js';
import type { FilesystemDescriptor } from './filesystem.js';
import { hfsplus } from './hfsplus/hfsplus-descriptor.js';
import type { ByteSource } from './source/byte-source.js';

/** Every filesystem we can open, in one explicit list (exFAT and HFS+ join here). */
export const filesystems: readonly FilesystemDescriptor[] = [fat12, fat16, fat32, exfat, hfsplus];

/**
 * The one descriptor whose probe matches, null when none does. Two matches are an
 * AmbiguousFilesystemError naming both, never a guess.
 */
export async function detectFilesystem(
  source: ByteSource,
  candidates: readonly FilesystemDescriptor[] = filesystems,
): Promise<FilesystemDescriptor | null> {
  const matches: FilesystemDescriptor[] = [];
  for (const descriptor of candidates) {
    if (await descriptor.probe(source)) matches.push(descriptor);
  }
  if (matches.length > 1) throw new AmbiguousFilesystemError(matches.map((d) => d.id), source.label);
  return matches[0] ?? null;
}
