import { renderCr3 } from './cr3-builder.js';
import { dropLeadingBoxes, isobmffFixture } from './isobmff-fixtures.js';
import { CAMERA_EXIF, renderJpeg } from './jpeg-fixtures.js';
import { readAvFixture } from './av-fixtures.js';
import { renderWebp } from './webp-fixtures.js';
import { buildCrw, buildMrw, buildRaf, buildX3f } from './raw-container-fixtures.js';
import { renderTiff } from './tiff-fixtures.js';
import { renderPng } from './png-fixtures.js';
import { renderGif } from './gif-fixtures.js';
import { buildBmp } from './bmp-fixtures.js';
import { buildPsd } from './psd-fixtures.js';
import { jxlFixture } from './jxl-fixtures.js';

/**
 * One real sample per carve format, keyed by format id. formats.spec.ts checks that this list and the
 * engine's format list agree and carves each sample out of a synthetic disk.
 */
export const formatFixtures: Readonly<Record<string, () => Promise<Buffer>>> = {
  jpeg: () => renderJpeg({ width: 200, height: 150, exif: CAMERA_EXIF }),
  mp4: async () => isobmffFixture('camera.mp4'),
  heic: async () => isobmffFixture('photo.heic'),
  cr3: renderCr3,
  mov: async () => dropLeadingBoxes(isobmffFixture('camera.mov'), 1),
  webp: () => renderWebp({ width: 64, height: 48 }),
  avi: () => readAvFixture('clip.avi'),
  mts: () => readAvFixture('clip.mts'),
  mkv: () => readAvFixture('clip.mkv'),
  tiff: () => renderTiff({ width: 120, height: 80 }),
  crw: async () => (await buildCrw()).data,
  raf: async () => (await buildRaf()).data,
  mrw: async () => (await buildMrw()).data,
  x3f: async () => (await buildX3f()).data,
  png: () => renderPng({ width: 120, height: 90 }),
  gif: () => renderGif({ width: 100, height: 80 }),
  bmp: async () => buildBmp({ width: 50, height: 30, bpp: 24 }),
  psd: async () => buildPsd({ width: 40, height: 24, compression: 'rle' }),
  jxl: async () => jxlFixture('codestream'),
};
