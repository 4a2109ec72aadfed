import type { CarveFormat } from '../types.js';
import { jpegFormat } from './jpeg.js';
import { cr3Format } from './cr3.js';
import { heicFormat } from './heic.js';
import { movFormat } from './mov.js';
import { mp4Format } from './mp4.js';
import { aviFormat } from './avi.js';
import { mkvFormat } from './mkv.js';
import { mtsFormat } from './mts.js';
import { webpFormat } from './webp.js';
import { tiffFormat } from './tiff.js';
import { crwFormat } from './crw.js';
import { rafFormat } from './raf.js';
import { mrwFormat } from './mrw.js';
import { x3fFormat } from './x3f.js';
import { pngFormat } from './png.js';
import { gifFormat } from './gif.js';
import { jxlFormat } from './jxl.js';
import { psdFormat } from './psd.js';
import { bmpFormat } from './bmp.js';

/** Every format the engine carves, in the order they are tried at one offset. */
export const carveFormats: readonly CarveFormat[] = [jpegFormat, mp4Format, heicFormat, cr3Format, movFormat, webpFormat, pngFormat, gifFormat, jxlFormat, psdFormat, aviFormat, mtsFormat, mkvFormat, tiffFormat, crwFormat, rafFormat, mrwFormat, x3fFormat, bmpFormat];

/**
 * The descriptor that carves files of a kind (`cr2` is carved by the TIFF descriptor) or with a file
 * name extension: its own id first, then its extensions, which list every kind it reports.
 */
export function formatFor(kindOrExtension: string): CarveFormat | undefined {
  const key = kindOrExtension.toLowerCase();
  return carveFormats.find((f) => f.id === key) ?? carveFormats.find((f) => f.extensions.includes(key));
}
