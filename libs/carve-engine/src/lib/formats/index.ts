import type { CarveFormat } from '../types.js';
import { jpegFormat } from './jpeg.js';

/** Every format the engine carves, in the order they are tried at one offset. */
export const carveFormats: readonly CarveFormat[] = [jpegFormat];

/**
 * The descriptor that carves files of a kind (`cr2` is carved by the TIFF descriptor) or with a file
 * name extension: its own id first, then its extensions, which list every kind it reports.
 */
export function formatFor(kindOrExtension: string): CarveFormat | undefined {
  const key = kindOrExtension.toLowerCase();
  return carveFormats.find((f) => f.id === key) ?? carveFormats.find((f) => f.extensions.includes(key));
}
