import { writeFile } from 'node:fs/promises';
import sharp from 'sharp';

/** What was written, to check the scan and the filters against. */
export interface ManyPhotosImage {
  path: string;
  count: number;
  formats: Record<'jpeg' | 'png', number>;
  /** JPEGs cut short with the next one right behind (the carver marks them corrupt). */
  cut: number;
  cameras: string[];
}

const CAMERAS: [string, string][] = [
  ['Canon', 'Canon EOS R6'],
  ['NIKON CORPORATION', 'NIKON Z 6'],
  ['Apple', 'iPhone 13'],
  ['FUJIFILM', 'X-T4'],
];
const SLOT = 2048;

/** The list's entry for `i`, going round. */
const cycle = <T>(list: readonly T[], i: number): T => list[i % list.length] as T;

/** Eight small real JPEGs from sharp, each with its own camera and date in EXIF, and one PNG. */
async function samples(): Promise<{ jpegs: Buffer[]; png: Buffer }> {
  const jpegs: Buffer[] = [];
  for (let i = 0; i < 8; i++) {
    const [Make, Model] = cycle(CAMERAS, i);
    const image = sharp({ create: { width: 16 + i * 8, height: 12 + i * 6, channels: 3, background: { r: 30 * i, g: 200 - 20 * i, b: 90 } } });
    jpegs.push(
      await image
        .withExif({ IFD0: { Make, Model }, IFD2: { DateTimeOriginal: `202${i % 4}:0${1 + i}:1${i} 10:20:30` } })
        .jpeg({ quality: 60, optimiseCoding: false })
        .toBuffer(),
    );
  }
  const png = await sharp({ create: { width: 20, height: 20, channels: 3, background: '#3366cc' } }).png().toBuffer();
  return { jpegs, png };
}

/**
 * A raw disk image (no filesystem, so everything is carved) holding `count` photos, one per 2 KiB:
 * every tenth a PNG, the rest JPEGs from four cameras and eight dates, one JPEG in 25 cut short.
 * 20,000 photos make a 41 MB image that the agent scans in well under a minute.
 */
export async function buildManyPhotosImage(path: string, count: number): Promise<ManyPhotosImage> {
  const { jpegs, png } = await samples();
  const image = Buffer.alloc(count * SLOT);
  const formats = { jpeg: 0, png: 0 };
  let cut = 0;
  for (let i = 0; i < count; i++) {
    let bytes = i % 10 === 9 ? png : cycle(jpegs, i);
    if (bytes === png) formats.png++;
    else formats.jpeg++;
    if (bytes !== png && i % 25 === 7) {
      bytes = bytes.subarray(0, bytes.length - 60);
      cut++;
    }
    bytes.copy(image, i * SLOT);
  }
  await writeFile(path, image);
  return { path, count, formats, cut, cameras: CAMERAS.map(([, model]) => model) };
}
