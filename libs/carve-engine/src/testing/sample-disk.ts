import { createHash } from 'node:crypto';
import { buildDisk, type Placement } from './disk.js';
import { buildMpf, CAMERA_EXIF, renderJpeg, withExifThumbnail } from './jpeg-fixtures.js';

export interface SampleFile {
  readonly name: string;
  readonly offset: number;
  readonly data: Buffer;
  readonly sha256: string;
  readonly aligned: boolean;
}

export interface SampleDisk {
  readonly disk: Buffer;
  readonly files: readonly SampleFile[];
  /** The embedded thumbnail of "thumbnail.jpg" and where it lies in the disk. */
  readonly thumbnail: { readonly data: Buffer; readonly offset: number };
  /** Where the secondary image of "multi.mpo" lies in the disk. */
  readonly mpfSecondaryOffset: number;
}

const sha = (data: Buffer): string => createHash('sha256').update(data).digest('hex');

/**
 * A 1.5 MB disk of seeded random filler holding real JPEGs: four at 512-byte boundaries (camera EXIF,
 * progressive, EXIF thumbnail, MPF), two at odd offsets, and a truncated one running into the disk's end.
 */
export async function buildSampleDisk(): Promise<SampleDisk> {
  const thumb = await renderJpeg({ width: 96, height: 72, seed: 31 });
  const secondary = await renderJpeg({ width: 160, height: 120, seed: 41 });
  const camera = await renderJpeg({ exif: CAMERA_EXIF, seed: 7 });
  const truncated = await renderJpeg({ width: 400, height: 300, seed: 61 });
  const size = 1_500_000;
  const specs: { name: string; offset: number; data: Buffer }[] = [
    { name: 'camera.jpg', offset: 4096, data: camera },
    { name: 'progressive.jpg', offset: 131_072, data: await renderJpeg({ progressive: true, seed: 11 }) },
    { name: 'thumbnail.jpg', offset: 262_144 + 1024, data: withExifThumbnail(await renderJpeg({ seed: 21 }), thumb) },
    { name: 'multi.mpo', offset: 409_600, data: buildMpf(await renderJpeg({ seed: 23 }), [secondary]) },
    { name: 'odd-1.jpg', offset: 600_000 + 100, data: await renderJpeg({ seed: 51, width: 240, height: 180 }) },
    { name: 'odd-2.jpg', offset: 800_000 + 333, data: await renderJpeg({ seed: 53, width: 200, height: 200 }) },
  ];
  const truncatedOffset = size - Math.floor(truncated.length / 2) - ((size - Math.floor(truncated.length / 2)) % 512);
  specs.push({ name: 'truncated.jpg', offset: truncatedOffset, data: truncated.subarray(0, size - truncatedOffset) });
  const disk = buildDisk(size, specs as Placement[], 1234);
  const files = specs.map((s) => ({ ...s, sha256: sha(s.data), aligned: s.offset % 512 === 0 }));
  const withThumb = files[2];
  const mpf = files[3];
  return {
    disk,
    files,
    thumbnail: { data: thumb, offset: withThumb.offset + withThumb.data.indexOf(thumb) },
    mpfSecondaryOffset: mpf.offset + mpf.data.length - secondary.length,
  };
}
