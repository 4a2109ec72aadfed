import { CAMERA_EXIF, renderJpeg } from './jpeg-fixtures.js';
import { randomBytes } from './random.js';
import { ascii, buildTiff, short, tiffPrefix } from './tiff-builder.js';
import type { RawSample } from './tiff-raw-fixtures.js';

/**
 * The RAWs that are not TIFF files, assembled from their published layouts: Fujifilm RAF, Canon CRW
 * (CIFF), Minolta MRW and Sigma X3F, each with its magic, a real JPEG preview from sharp and random
 * bytes for the sensor data.
 */

const u16be = (v: number): Buffer => Buffer.from([v >> 8, v & 0xff]);
const u32be = (v: number): Buffer => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(v);
  return b;
};
const u32le = (...values: number[]): Buffer => {
  const b = Buffer.alloc(values.length * 4);
  values.forEach((v, i) => b.writeUInt32LE(v, i * 4));
  return b;
};
const padTo = (text: string, length: number): Buffer => {
  const b = Buffer.alloc(length);
  b.write(text, 'latin1');
  return b;
};

/** Fujifilm RAF: a 0x94-byte header whose table names the JPEG, the metadata container and the CFA data. */
export async function buildRaf(): Promise<RawSample> {
  const preview = await renderJpeg({ width: 320, height: 213, seed: 131, exif: CAMERA_EXIF });
  const record = (tag: number, data: Buffer): Buffer => Buffer.concat([u16be(tag), u16be(data.length), data]);
  const meta = Buffer.concat([u32be(3), record(0x100, Buffer.concat([u16be(4182), u16be(6384)])), record(0x111, Buffer.concat([u16be(4160), u16be(6240)])), record(0x130, randomBytes(8, 132))]);
  const cfa = randomBytes(70_000, 133);
  const headerSize = 0x94;
  const jpegAt = headerSize;
  const metaAt = jpegAt + preview.length;
  const cfaAt = metaAt + meta.length;
  const header = Buffer.concat([
    Buffer.from('FUJIFILMCCD-RAW 0201FF383501', 'latin1'),
    padTo('X-T3', 32),
    Buffer.from('0100', 'latin1'),
    Buffer.alloc(20),
    ...[jpegAt, preview.length, metaAt, meta.length, cfaAt, cfa.length].map(u32be),
  ]);
  const data = Buffer.concat([header, Buffer.alloc(headerSize - header.length), preview, meta, cfa]);
  return { kind: 'raf', data, preview, dimensions: { width: 6240, height: 4160 }, payload: [{ offset: cfaAt, length: cfa.length }] };
}

/** One CIFF heap: data records, then the table (count, 10-byte records), then the table's offset. */
function ciffHeap(records: { type: number; data: Buffer }[]): Buffer {
  const parts: Buffer[] = [];
  const table: Buffer[] = [];
  let at = 0;
  for (const { type, data } of records) {
    const entry = Buffer.alloc(10);
    entry.writeUInt16LE(type, 0);
    entry.writeUInt32LE(data.length, 2);
    entry.writeUInt32LE(at, 6);
    table.push(entry);
    parts.push(data);
    at += data.length;
  }
  const count = Buffer.alloc(2);
  count.writeUInt16LE(records.length);
  return Buffer.concat([...parts, count, ...table, u32le(at)]);
}

/** Canon CRW: the CIFF header, then a root heap of raw data, JpgFromRaw and an ImageProps sub-heap. */
export async function buildCrw(): Promise<RawSample> {
  const preview = await renderJpeg({ width: 320, height: 240, seed: 141 });
  const imageInfo = u32le(3072, 2048, 0x3f800000, 0, 0, 0, 0);
  const props = ciffHeap([{ type: 0x1810, data: imageInfo }, { type: 0x080a, data: Buffer.from('Canon\0Canon EOS 10D\0', 'latin1') }]);
  const raw = randomBytes(60_000, 142);
  const root = ciffHeap([{ type: 0x2005, data: raw }, { type: 0x2007, data: preview }, { type: 0x300a, data: props }]);
  const header = Buffer.concat([Buffer.from('II', 'latin1'), u32le(26), Buffer.from('HEAPCCDR', 'latin1'), u32le(0x00010002, 0, 0)]);
  return { kind: 'crw', data: Buffer.concat([header, root]), preview, dimensions: { width: 3072, height: 2048 }, payload: [{ offset: header.length, length: raw.length }] };
}

/** Minolta MRW: the MRM block (PRD, TTW with a TIFF and its thumbnail, WBG, RIF, PAD), then packed 12-bit raw data. */
export async function buildMrw(): Promise<RawSample> {
  const preview = await renderJpeg({ width: 160, height: 120, seed: 151 });
  const block = (tag: string, body: Buffer): Buffer => Buffer.concat([Buffer.from(`\0${tag}`, 'latin1'), u32be(body.length), body]);
  const [sensorW, sensorH] = [240, 160];
  const prd = Buffer.concat([Buffer.from('21810002', 'latin1'), u16be(sensorH), u16be(sensorW), u16be(156), u16be(232), Buffer.from([12, 12, 0x59, 0]), u16be(0), u16be(1)]);
  const ttw = buildTiff({
    littleEndian: false,
    prefix: tiffPrefix(false),
    firstIfdField: 4,
    ifds: [{ fields: { 0x10f: ascii('KONICA MINOLTA'), 0x110: ascii('DYNAX 7D'), 0x112: short(1), 0x103: short(6) }, data: [{ offsetTags: [0x201], lengthTag: 0x202, parts: [preview] }], children: [{ tag: 0x8769, type: 4, ifds: [{ fields: { 0x9003: ascii('2023:07:14 09:26:53') } }] }] }],
  }).data;
  const blocks = Buffer.concat([block('PRD', prd), block('TTW', ttw), block('WBG', randomBytes(12, 152)), block('RIF', randomBytes(92, 153)), block('PAD', Buffer.alloc(48))]);
  const raw = randomBytes((sensorW * sensorH * 12) / 8, 154);
  const data = Buffer.concat([Buffer.from('\0MRM', 'latin1'), u32be(blocks.length), blocks, raw]);
  return { kind: 'mrw', data, preview, dimensions: { width: 232, height: 156 }, payload: [{ offset: data.length - raw.length, length: raw.length }] };
}

/** Sigma X3F 2.3: header, PROP, a JPEG preview (IMA2), raw image data (IMAG), CAMF, then the directory. */
export async function buildX3f(): Promise<RawSample> {
  const preview = await renderJpeg({ width: 320, height: 213, seed: 161, exif: CAMERA_EXIF });
  const header = Buffer.concat([Buffer.from('FOVb', 'latin1'), u32le(0x00020003), randomBytes(16, 162), u32le(0, 2640, 1760, 0), padTo('Auto', 32), Buffer.alloc(264 - 72)]);
  const sections = [
    { type: 'PROP', data: Buffer.concat([Buffer.from('SECp', 'latin1'), u32le(0x00020000, 2, 0, 0), randomBytes(48, 163)]) },
    { type: 'IMA2', data: Buffer.concat([Buffer.from('SECi', 'latin1'), u32le(0x00020000, 2, 18, 320, 213, 0), preview]) },
    { type: 'IMAG', data: Buffer.concat([Buffer.from('SECi', 'latin1'), u32le(0x00020000, 3, 30, 2640, 1760, 0), randomBytes(60_000, 164)]) },
    { type: 'CAMF', data: Buffer.concat([Buffer.from('SECc', 'latin1'), u32le(0x00020000, 2), randomBytes(400, 165)]) },
  ];
  const body: Buffer[] = [header];
  const entries: Buffer[] = [];
  const payload: { offset: number; length: number }[] = [];
  let at = header.length;
  for (const s of sections) {
    if (s.type === 'IMAG' || s.type === 'CAMF') payload.push({ offset: at, length: s.data.length });
    body.push(s.data);
    entries.push(Buffer.concat([u32le(at, s.data.length), Buffer.from(s.type, 'latin1')]));
    at += s.data.length;
  }
  const directory = Buffer.concat([Buffer.from('SECd', 'latin1'), u32le(0x00020000, sections.length), ...entries, u32le(at)]);
  return { kind: 'x3f', data: Buffer.concat([...body, directory]), preview, dimensions: { width: 2640, height: 1760 }, payload };
}

export const CONTAINER_RAW_BUILDERS: readonly (() => Promise<RawSample>)[] = [buildRaf, buildCrw, buildMrw, buildX3f];
