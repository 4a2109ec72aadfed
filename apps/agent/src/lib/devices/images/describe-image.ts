import type { Stats } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { basename, extname, resolve } from 'node:path';
import { type ByteSource, openFileSource, openSplitSource } from '@afterimage/fs-parsers';
import { DeviceError } from '../errors.js';
import { findSplitSet, parseSplitName } from './split-names.js';

/** An image file (or a set of split pieces) offered as a source; plain JSON. */
export interface ImageDescription {
  kind: 'image';
  /** The image, or the first piece of a split set. */
  path: string;
  /** What a person sees: the file name, or the set's name with its piece count. */
  label: string;
  format: 'raw' | 'iso' | 'dmg' | 'split';
  sizeBytes: number;
  /** Every file holding the bytes, in order; one for a plain image. */
  pieces: { path: string; sizeBytes: number }[];
  /** Things a person should know before scanning (a compressed .dmg…). */
  notes: string[];
}

/** Formats that hold a disk in a container or compressed: their bytes are not the disk's. */
const CONTAINERS: Record<string, string> = {
  '.e01': 'an EnCase (E01) evidence file, compressed: export it to a raw .dd image first (ewfexport)',
  '.ex01': 'an EnCase (Ex01) evidence file, compressed: export it to a raw .dd image first',
  '.aff': 'an AFF evidence file, compressed: convert it to a raw image first (affconvert)',
  '.vmdk': 'a VMware disk: convert it to a raw image first (qemu-img convert -O raw)',
  '.vhd': 'a Hyper-V disk: convert it to a raw image first (qemu-img convert -O raw)',
  '.vhdx': 'a Hyper-V disk: convert it to a raw image first (qemu-img convert -O raw)',
  '.qcow2': 'a QEMU disk: convert it to a raw image first (qemu-img convert -O raw)',
  '.gz': 'compressed: unpack it first',
  '.xz': 'compressed: unpack it first',
  '.zip': 'an archive: unpack it first',
  '.7z': 'an archive: unpack it first',
};

async function statOrFail(path: string): Promise<Stats> {
  return stat(path).catch((cause: NodeJS.ErrnoException) => {
    if (cause.code === 'ENOENT') throw new DeviceError('NOT_FOUND', `No such file: ${path}`, { cause });
    throw new DeviceError('UNREADABLE', `Cannot read ${path}: ${cause.message}`, { cause });
  });
}

/** True when the last 512 bytes of the file are an Apple UDIF trailer ("koly"). */
async function hasUdifTrailer(path: string, size: number): Promise<boolean> {
  if (size < 512) return false;
  const handle = await open(path, 'r');
  try {
    const trailer = Buffer.alloc(4);
    await handle.read(trailer, 0, 4, size - 512);
    return trailer.toString('latin1') === 'koly';
  } finally {
    await handle.close();
  }
}

/**
 * Describes an image file Afterimage can scan: .img/.dd/.raw/.bin/.iso/.dmg or any plain file, and
 * split sets (card.001, card.002… or card.aa, card.ab…: give any piece). Refuses folders, devices,
 * empty files and formats whose bytes are not the disk's (E01, VMDK, archives), saying what to do.
 */
export async function describeImage(path: string): Promise<ImageDescription> {
  const absolute = resolve(path);
  const stats = await statOrFail(absolute);
  if (stats.isDirectory()) throw new DeviceError('NOT_A_SOURCE', `${path} is a folder; add it as a folder source instead.`);
  if (stats.isBlockDevice()) throw new DeviceError('NOT_A_SOURCE', `${path} is a device, not an image file; choose it from the device list.`);
  if (!stats.isFile()) throw new DeviceError('NOT_A_SOURCE', `${path} is not an image file.`);
  const extension = extname(absolute).toLowerCase();
  const container = CONTAINERS[extension];
  if (container) throw new DeviceError('NOT_A_SOURCE', `${basename(absolute)} is ${container}.`);
  const set = await findSplitSet(absolute).catch((cause: unknown) => {
    if (cause instanceof DeviceError) throw cause;
    throw new DeviceError('UNREADABLE', `Cannot list the folder of ${path}: ${(cause as Error).message}`, { cause });
  });
  const paths = set ?? [absolute];
  const pieces = await Promise.all(paths.map(async (piece) => ({ path: piece, sizeBytes: (await statOrFail(piece)).size })));
  const sizeBytes = pieces.reduce((sum, piece) => sum + piece.sizeBytes, 0);
  if (sizeBytes === 0) throw new DeviceError('NOT_A_SOURCE', `${basename(absolute)} is empty.`);
  const notes: string[] = [];
  const format = set ? 'split' : extension === '.iso' ? 'iso' : extension === '.dmg' ? 'dmg' : 'raw';
  if (format === 'dmg' && (await hasUdifTrailer(absolute, stats.size))) {
    notes.push('An Apple UDIF disk image (.dmg) is usually compressed: attach it (hdiutil attach -nomount) and scan the disk it becomes, or convert it with hdiutil convert -format UDRW.');
  }
  const first = pieces[0] as { path: string };
  const label = set ? `${parseSplitName(basename(first.path))?.base ?? basename(first.path)} (${pieces.length} pieces)` : basename(absolute);
  return { kind: 'image', path: first.path, label, format, sizeBytes, pieces, notes };
}

/** Opens a described image read-only: one file, or the split pieces as one ByteSource. */
export async function openImage(image: ImageDescription): Promise<ByteSource> {
  if (image.pieces.length === 1) return openFileSource(image.pieces[0]?.path as string);
  return openSplitSource(
    image.pieces.map((piece) => piece.path),
    image.label,
  );
}
