import sharp from 'sharp';
import { noise, type ImageOptions } from './png-fixtures.js';

/** A real still GIF from sharp (noise, so the LZW data spans many sub-blocks). */
export async function renderGif(options: ImageOptions = {}): Promise<Buffer> {
  const { width = 100, height = 80, seed = 5 } = options;
  const { data, raw } = noise(width, height, seed);
  return sharp(data, { raw }).gif().toBuffer();
}

/** A real animated GIF from sharp: `frames` noise frames joined, with a graphic control extension each. */
export async function renderAnimatedGif(frames = 3, options: ImageOptions = {}): Promise<Buffer> {
  const { width = 60, height = 40, seed = 9 } = options;
  const pages = await Promise.all(
    Array.from({ length: frames }, (_, i) => {
      const { data, raw } = noise(width, height, seed + i);
      return sharp(data, { raw }).png().toBuffer();
    }),
  );
  return sharp(pages, { join: { animated: true } }).gif({ delay: pages.map(() => 100) }).toBuffer();
}

/** Offsets of a GIF's blocks (image descriptors 0x2C, extensions 0x21, the trailer 0x3B), in order. */
export function gifBlocks(gif: Buffer): { type: number; offset: number }[] {
  const table = (packed: number): number => (packed & 0x80 ? 3 << ((packed & 7) + 1) : 0);
  const blocks: { type: number; offset: number }[] = [];
  let pos = 13 + table(gif[10]);
  const skipChain = (from: number): number => {
    let at = from;
    while (gif[at] !== 0) at += 1 + gif[at];
    return at + 1;
  };
  while (pos < gif.length) {
    const type = gif[pos];
    blocks.push({ type, offset: pos });
    if (type === 0x3b) break;
    pos = type === 0x21 ? skipChain(pos + 2) : skipChain(pos + 11 + table(gif[pos + 9]));
  }
  return blocks;
}
