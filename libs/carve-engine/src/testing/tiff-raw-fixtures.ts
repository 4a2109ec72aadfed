import { CAMERA_EXIF, renderJpeg } from './jpeg-fixtures.js';
import { randomBytes } from './random.js';
import { ascii, buildTiff, bytes, long, rational, short, tiffPrefix, type Field, type IfdSpec } from './tiff-builder.js';

/**
 * Small RAW-like files assembled from the documented TIFF-based layouts (CR2, NEF, DNG, ORF, RW2, ARW):
 * the magic, the IFDs and tags that identify each, real JPEG previews from sharp, random bytes for the
 * sensor data. `preview` is the JPEG a viewer should show: the largest embedded one.
 */
export interface RawSample {
  readonly kind: string;
  readonly data: Buffer;
  readonly preview: Buffer;
  readonly dimensions: { readonly width: number; readonly height: number };
  /** Where (from the file's start) the builder put data no walk can verify: the sensor data. */
  readonly payload?: readonly { readonly offset: number; readonly length: number }[];
}

const DATE = '2023:07:14 09:26:53';
const exifIfd = (extra: Record<number, Field> = {}): IfdSpec => ({
  fields: { 0x829a: rational(1, 250), 0x9003: ascii(DATE), 0x9004: ascii(DATE), ...extra },
});
const gpsIfd: IfdSpec = { fields: { 0x0000: { type: 1, value: [2, 3, 0, 0] }, 0x0001: ascii('N'), 0x0002: { type: 5, value: [51, 1, 30, 1, 3230, 100] } } };
const resolution = { 0x11a: rational(300, 1), 0x11b: rational(300, 1), 0x128: short(2) };
const cfa = { 0x828d: short(2, 2), 0x828e: { type: 1, value: [0, 1, 1, 2] } };
const strips = (parts: Buffer[]) => ({ offsetTags: [0x111], lengthTag: 0x117, parts });
const jpegStream = (jpeg: Buffer) => ({ offsetTags: [0x201], lengthTag: 0x202, parts: [jpeg] });
/** A lossless-JPEG wrapper (SOF3) around random bytes, as CR2 and DNG store sensor data. */
function losslessRaw(size: number, seed: number): Buffer {
  const sof3 = Buffer.from([0xff, 0xc3, 0x00, 0x0e, 14, 0x0b, 0x40, 0x07, 0x80, 2, 1, 0x11, 0, 2, 0x11, 0]);
  return Buffer.concat([Buffer.from([0xff, 0xd8]), sof3, randomBytes(size, seed), Buffer.from([0xff, 0xd9])]);
}

/** Canon CR2: 'CR' 2.0 and the raw IFD's offset at byte 8; IFD0 a JPEG strip, IFD1 a thumbnail, IFD3 the raw. */
export async function buildCr2(): Promise<RawSample> {
  const preview = await renderJpeg({ width: 360, height: 240, seed: 71, exif: CAMERA_EXIF });
  const thumb = await renderJpeg({ width: 160, height: 120, seed: 72 });
  const ifds: IfdSpec[] = [
    {
      fields: { 0x100: short(360), 0x101: short(240), 0x102: short(8, 8, 8), 0x103: short(6), 0x10f: ascii('Canon'), 0x110: ascii('Canon EOS 5D Mark II'), 0x112: short(1), ...resolution, 0x132: ascii(DATE) },
      data: [strips([preview])],
      children: [{ tag: 0x8769, type: 4, ifds: [exifIfd({ 0x927c: bytes(randomBytes(300, 73)) })] }, { tag: 0x8825, type: 4, ifds: [gpsIfd] }],
    },
    { fields: { 0x103: short(6), ...resolution }, data: [jpegStream(thumb)] },
    { fields: { 0x100: short(40), 0x101: short(27), 0x102: short(8, 8, 8), 0x103: short(1), 0x106: short(2), 0x115: short(3), 0x116: short(27) }, data: [strips([randomBytes(40 * 27 * 3, 74)])] },
    { fields: { 0x103: short(6), 0xc5d8: short(1, 1296, 1296), 0xc5e0: long(1) }, data: [strips([losslessRaw(30_000, 75)])] },
  ];
  const prefix = tiffPrefix(true, 42, Buffer.from([0x43, 0x52, 2, 0, 0, 0, 0, 0]));
  const { data, chain } = buildTiff({ littleEndian: true, prefix, firstIfdField: 4, ifds });
  data.writeUInt32LE(chain[3], 12);
  return { kind: 'cr2', data, preview, dimensions: { width: 360, height: 240 } };
}

/** Nikon NEF: 28 IFD0 entries starting at NewSubfileType, SubIFDs (JPEG preview, CFA raw), a type-3 maker note. */
export async function buildNef(): Promise<RawSample> {
  const preview = await renderJpeg({ width: 300, height: 200, seed: 81, exif: CAMERA_EXIF });
  const notePreview = await renderJpeg({ width: 96, height: 64, seed: 82 });
  const note = buildTiff({ littleEndian: false, prefix: tiffPrefix(false), firstIfdField: 4, ifds: [{ fields: { 0x0001: bytes(Buffer.from('0210')), 0x0004: ascii('RAW    ') }, children: [{ tag: 0x11, type: 13, ifds: [{ fields: { 0x103: short(6) }, data: [jpegStream(notePreview)] }] }] }] }).data;
  const makerNote = Buffer.concat([Buffer.from('Nikon\0\x02\x10\0\0', 'latin1'), note]);
  const preIfd: IfdSpec = { fields: { 0xfe: long(1), 0x103: short(6), ...resolution }, data: [jpegStream(preview)] };
  const rawIfd: IfdSpec = {
    fields: { 0xfe: long(0), 0x100: long(4288), 0x101: long(2848), 0x102: short(14), 0x103: short(34713), 0x106: short(32803), 0x115: short(1), 0x116: long(2848), 0x11c: short(1), ...cfa },
    data: [strips([randomBytes(40_000, 83)])],
  };
  const ifd0: IfdSpec = {
    fields: {
      0xfe: long(1), 0x100: long(80), 0x101: long(60), 0x102: short(8, 8, 8), 0x103: short(1), 0x106: short(2), 0x10f: ascii('NIKON CORPORATION'), 0x110: ascii('NIKON D700'),
      0x112: short(1), 0x115: short(3), 0x116: long(60), 0x11c: short(1), ...resolution, 0x131: ascii('Ver.1.00'), 0x132: ascii(DATE), 0x13b: ascii('Afterimage'),
      0x213: short(1), 0x214: { type: 5, value: [0, 1, 255, 1, 0, 1, 255, 1, 0, 1, 255, 1] }, 0x8298: ascii('(c) test'), 0x9003: ascii(DATE), 0x9216: { type: 1, value: [1, 0, 0, 0] },
    },
    data: [strips([randomBytes(80 * 60 * 3, 84)])],
    children: [
      { tag: 0x14a, type: 4, ifds: [preIfd, rawIfd] },
      { tag: 0x8769, type: 4, ifds: [exifIfd({ 0x927c: bytes(makerNote) })] },
      { tag: 0x8825, type: 4, ifds: [gpsIfd] },
    ],
  };
  const { data } = buildTiff({ littleEndian: true, prefix: tiffPrefix(true), firstIfdField: 4, ifds: [ifd0] });
  return { kind: 'nef', data, preview, dimensions: { width: 4288, height: 2848 } };
}

/** Adobe DNG: DNGVersion in IFD0 (an RGB thumbnail), SubIFDs with a tiled CFA raw and a JPEG preview strip. */
export async function buildDng(): Promise<RawSample> {
  const preview = await renderJpeg({ width: 256, height: 192, seed: 91 });
  const raw: IfdSpec = {
    fields: { 0xfe: long(0), 0x100: long(512), 0x101: long(384), 0x102: short(16), 0x103: short(7), 0x106: short(32803), 0x115: short(1), 0x142: long(256), 0x143: long(192), ...cfa },
    data: [{ offsetTags: [0x144], lengthTag: 0x145, parts: [0, 1, 2, 3].map((i) => losslessRaw(5000 + i * 100, 92 + i)) }],
  };
  const pre: IfdSpec = { fields: { 0xfe: long(1), 0x100: long(256), 0x101: long(192), 0x102: short(8, 8, 8), 0x103: short(7), 0x106: short(6), 0x115: short(3), 0x116: long(192) }, data: [strips([preview])] };
  const ifd0: IfdSpec = {
    fields: { 0xfe: long(1), 0x100: long(64), 0x101: long(48), 0x102: short(8, 8, 8), 0x103: short(1), 0x106: short(2), 0x10f: ascii('Canon'), 0x110: ascii('Canon EOS 5D'), 0x115: short(3), 0x116: long(48), 0xc612: { type: 1, value: [1, 4, 0, 0] }, 0xc614: ascii('Canon EOS 5D') },
    data: [strips([randomBytes(64 * 48 * 3, 96)])],
    children: [{ tag: 0x14a, type: 4, ifds: [raw, pre] }, { tag: 0x8769, type: 4, ifds: [exifIfd()] }],
  };
  const { data } = buildTiff({ littleEndian: false, prefix: tiffPrefix(false), firstIfdField: 4, ifds: [ifd0] });
  return { kind: 'dng', data, preview, dimensions: { width: 512, height: 384 } };
}

/** Olympus ORF: 'IIRO', 24 IFD0 entries, raw strips, the preview in the maker note's CameraSettings IFD. */
export async function buildOrf(): Promise<RawSample> {
  const preview = await renderJpeg({ width: 320, height: 240, seed: 101, exif: CAMERA_EXIF });
  const settings: IfdSpec = { fields: { 0x0000: bytes(Buffer.from('0100')), 0x100: long(1) }, data: [{ offsetTags: [0x101], lengthTag: 0x102, parts: [preview] }] };
  const noteIfd: IfdSpec = { fields: { 0x0000: bytes(Buffer.from('0100')) }, children: [{ tag: 0x2010, type: 13, ifds: [{ fields: { 0x0000: bytes(Buffer.from('0100')) } }] }, { tag: 0x2020, type: 13, ifds: [settings] }] };
  const makerNote = buildTiff({ littleEndian: true, prefix: Buffer.from('OLYMPUS\0II\x03\0', 'latin1'), ifds: [noteIfd] }).data;
  const filler: Record<number, Field> = Object.fromEntries([0x10e, 0x11d, 0x131, 0x132, 0x13b, 0x213, 0x8298].map((tag) => [tag, tag === 0x213 ? short(1) : ascii('-')]));
  const ifd0: IfdSpec = {
    fields: { ...filler, 0xfe: long(0), 0x100: long(4640), 0x101: long(3472), 0x102: short(12), 0x103: short(1), 0x106: short(32803), 0x10f: ascii('OLYMPUS IMAGING CORP.'), 0x110: ascii('E-M5'), 0x112: short(1), 0x115: short(1), 0x116: long(3472), ...resolution },
    data: [strips([randomBytes(50_000, 102)])],
    children: [{ tag: 0x8769, type: 4, ifds: [exifIfd({ 0x927c: bytes(makerNote) })] }],
  };
  const { data } = buildTiff({ littleEndian: true, prefix: tiffPrefix(true, 0x4f52), firstIfdField: 4, ifds: [ifd0] });
  return { kind: 'orf', data, preview, dimensions: { width: 4640, height: 3472 } };
}

/** The 16 bytes RW2 files carry after their header (IFD0 at 0x18). */
const RW2_MAGIC = Buffer.from('88e774d8f8251d4d947a6e77822b5d6a', 'hex');

/** Panasonic RW2: 'IIU\0', sensor size and borders in tags 2–7, a whole JPEG in JpgFromRaw, raw at RawDataOffset. */
export async function buildRw2(): Promise<RawSample> {
  const preview = await renderJpeg({ width: 320, height: 240, seed: 111, exif: CAMERA_EXIF });
  const ifd0: IfdSpec = {
    fields: {
      0x01: bytes(Buffer.from('0310')), 0x02: short(5200), 0x03: short(3888), 0x04: short(8), 0x05: short(16), 0x06: short(3896), 0x07: short(5216), 0x09: short(1), 0x0a: short(12), 0x0b: short(34316),
      0x2e: bytes(preview), 0x10f: ascii('Panasonic'), 0x110: ascii('DC-GH5'), 0x112: short(1),
    },
    data: [{ offsetTags: [0x111, 0x118], lengthTag: 0x117, parts: [randomBytes(60_000, 112)] }],
    children: [{ tag: 0x8769, type: 4, ifds: [exifIfd()] }],
  };
  const { data } = buildTiff({ littleEndian: true, prefix: tiffPrefix(true, 0x55, RW2_MAGIC), firstIfdField: 4, ifds: [ifd0] });
  return { kind: 'rw2', data, preview, dimensions: { width: 5200, height: 3888 } };
}

/** Sony ARW: a JPEG preview in IFD0, PrintIM, the CFA raw in a SubIFD, the SR2Private IFD and its encrypted block. */
export async function buildArw(): Promise<RawSample> {
  const preview = await renderJpeg({ width: 300, height: 200, seed: 121, exif: CAMERA_EXIF });
  const thumb = await renderJpeg({ width: 160, height: 120, seed: 122 });
  const raw: IfdSpec = { fields: { 0xfe: long(0), 0x100: long(6048), 0x101: long(4024), 0x102: short(14), 0x103: short(32767), 0x106: short(32803), ...cfa }, data: [strips([randomBytes(45_000, 123)])] };
  const sr2: IfdSpec = { fields: { 0x7221: long(0x44332211) }, data: [{ offsetTags: [0x7200], lengthTag: 0x7201, parts: [randomBytes(2000, 124)] }] };
  const ifd0: IfdSpec = {
    fields: { 0xfe: long(1), 0x103: short(6), 0x10f: ascii('SONY'), 0x110: ascii('ILCE-7M3'), 0x112: short(1), ...resolution, 0xc4a5: bytes(Buffer.from('PrintIM\x000300\0\0\0\0', 'latin1')) },
    data: [jpegStream(preview)],
    children: [{ tag: 0x14a, type: 4, ifds: [raw] }, { tag: 0x8769, type: 4, ifds: [exifIfd()] }, { tag: 0xc634, type: 1, ifds: [sr2] }],
  };
  const ifd1: IfdSpec = { fields: { 0xfe: long(1), 0x103: short(6) }, data: [jpegStream(thumb)] };
  const { data } = buildTiff({ littleEndian: true, prefix: tiffPrefix(true), firstIfdField: 4, ifds: [ifd0, ifd1] });
  return { kind: 'arw', data, preview, dimensions: { width: 6048, height: 4024 } };
}

/**
 * An ARW laid out with its private data last (no IFD1): IFD0's preview, the raw SubIFD and its strip,
 * then the SR2Private IFD with a 40 KB private value and its encrypted block. `privateAt` is where that
 * value starts: cut there, the file's only claim on what follows is data no walk can verify.
 */
export async function buildArwPrivateLast(): Promise<RawSample & { readonly privateAt: number }> {
  const preview = await renderJpeg({ width: 300, height: 200, seed: 125, exif: CAMERA_EXIF });
  const raw: IfdSpec = { fields: { 0xfe: long(0), 0x100: long(6048), 0x101: long(4024), 0x102: short(14), 0x103: short(32767), 0x106: short(32803), ...cfa }, data: [strips([randomBytes(30_000, 126)])] };
  const privateValue = randomBytes(40_000, 127);
  const sr2: IfdSpec = { fields: { 0x7221: long(0x44332211), 0x7250: bytes(privateValue) }, data: [{ offsetTags: [0x7200], lengthTag: 0x7201, parts: [randomBytes(2000, 128)] }] };
  const ifd0: IfdSpec = {
    fields: { 0xfe: long(1), 0x103: short(6), 0x10f: ascii('SONY'), 0x110: ascii('ILCE-7M3'), 0x112: short(1), ...resolution },
    data: [jpegStream(preview)],
    children: [{ tag: 0x14a, type: 4, ifds: [raw] }, { tag: 0x8769, type: 4, ifds: [exifIfd()] }, { tag: 0xc634, type: 1, ifds: [sr2] }],
  };
  const { data } = buildTiff({ littleEndian: true, prefix: tiffPrefix(true), firstIfdField: 4, ifds: [ifd0] });
  return { kind: 'arw', data, preview, dimensions: { width: 6048, height: 4024 }, privateAt: data.indexOf(privateValue) };
}

export const TIFF_RAW_BUILDERS: readonly (() => Promise<RawSample>)[] = [buildCr2, buildNef, buildDng, buildOrf, buildRw2, buildArw];
