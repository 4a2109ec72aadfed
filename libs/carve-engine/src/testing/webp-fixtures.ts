import sharp from 'sharp';
import { randomBytes } from './random.js';

export interface WebpOptions {
  readonly width?: number;
  readonly height?: number;
  readonly seed?: number;
  readonly lossless?: boolean;
  /** Frames of an animated WebP (VP8X + ANIM + ANMF); 1 = a still image. */
  readonly frames?: number;
  /** Adds EXIF, which makes sharp write the extended (VP8X) layout. */
  readonly exif?: boolean;
}

/** A real WebP from sharp: noise on a flat colour, lossy or lossless, still or animated. */
export async function renderWebp(options: WebpOptions = {}): Promise<Buffer> {
  const { width = 96, height = 64, seed = 5, lossless = false, frames = 1 } = options;
  // Frames stacked in one tall raw image; pageHeight makes them the pages of an animation.
  const pixels = Buffer.concat(Array.from({ length: frames }, (_, n) => randomBytes(width * height * 3, seed + n)));
  const image = sharp(pixels, { raw: { width, height: height * frames, channels: 3, ...(frames > 1 ? { pageHeight: height } : {}) } });
  const withExif = options.exif ? image.withExif({ IFD0: { Make: 'Afterimage', Model: 'TestCam' } }) : image;
  return withExif.webp({ lossless, quality: 70, effort: 0 }).toBuffer();
}
