import { box, ftyp, moov } from './isobmff-builder.js';

export interface MjpegSpec {
  /** The samples: whole JPEG images, one per frame. */
  readonly frames: readonly Buffer[];
  readonly width: number;
  readonly height: number;
  /** The moov before the mdat ("faststart") or after it (as cameras write it). */
  readonly moovFirst: boolean;
  /** Frames per chunk (1 by default; the frame count must be a multiple of it). */
  readonly samplesPerChunk?: number;
  /** 'qt  ' for a QuickTime .mov (the default), 'isom' for an .mp4. */
  readonly brand?: string;
}

/**
 * A Motion-JPEG movie (sample entry 'jpeg', QuickTime's Photo-JPEG, as cameras and ffmpeg's mjpeg
 * encoder write it): every sample in the mdat is a whole JPEG image.
 */
export function buildMjpegMovie(spec: MjpegSpec): Buffer {
  const per = spec.samplesPerChunk ?? 1;
  const brand = spec.brand ?? 'qt  ';
  const head = ftyp(brand, 0x200, brand);
  const movie = (dataStart: number): Buffer => {
    const chunkOffsets: number[] = [];
    let at = dataStart;
    spec.frames.forEach((frame, i) => {
      if (i % per === 0) chunkOffsets.push(at);
      at += frame.length;
    });
    return moov([{ width: spec.width, height: spec.height, chunkOffsets, sampleSizes: spec.frames.map((f) => f.length), codec: 'jpeg', samplesPerChunk: per }]);
  };
  const mdat = box('mdat', ...spec.frames);
  if (!spec.moovFirst) return Buffer.concat([head, mdat, movie(head.length + 8)]);
  return Buffer.concat([head, movie(head.length + movie(0).length + 8), mdat]);
}
