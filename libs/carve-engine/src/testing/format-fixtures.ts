import { CAMERA_EXIF, renderJpeg } from './jpeg-fixtures.js';

/**
 * One real sample per carve format, keyed by format id. formats.spec.ts checks that this list and the
 * engine's format list agree and carves each sample out of a synthetic disk.
 */
export const formatFixtures: Readonly<Record<string, () => Promise<Buffer>>> = {
  jpeg: () => renderJpeg({ width: 200, height: 150, exif: CAMERA_EXIF }),
};
