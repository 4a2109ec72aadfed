import sharp, { type TiffOptions } from 'sharp';
import { CAMERA_EXIF } from './jpeg-fixtures.js';
import { randomBytes } from './random.js';

export interface TiffRenderOptions extends TiffOptions {
  readonly width?: number;
  readonly height?: number;
  readonly seed?: number;
  /** Pages of a multi-page TIFF (an IFD chain), each its own image. */
  readonly pages?: number;
}

/** A real TIFF from sharp (libtiff): noise over a flat colour, camera EXIF, any of sharp's TIFF options. */
export async function renderTiff(options: TiffRenderOptions = {}): Promise<Buffer> {
  const { width = 96, height = 64, seed = 5, pages = 1, ...tiff } = options;
  const noise = randomBytes(width * height * 3 * pages, seed);
  const image = sharp(noise, { raw: { width, height: height * pages, channels: 3, pageHeight: height } });
  return image.withExif(CAMERA_EXIF).tiff({ compression: 'lzw', ...tiff }).toBuffer();
}
