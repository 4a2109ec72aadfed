import { BoundedReader } from '../bounded-reader.js';
import type { CarveSource } from '../byte-source.js';
import { throwIfAborted } from '../errors.js';
import type { CarveFormat, FormatMatch } from '../types.js';
import { largestViewableJpeg, type EmbeddedJpeg } from './shared/embedded-jpeg.js';
import { Extent } from './shared/extent.js';
import { fileView } from './shared/file-view.js';
import { outOfBytes } from './shared/match-result.js';

const MAX_SIZE = 512 * 1024 * 1024;
const HEAD = 48;
const DIRECTORY = Buffer.from('SECd', 'latin1');
const MAX_ENTRIES = 1000;
/** 'SECi', version 2.0, type 2 (processed for preview), format 18 (JPEG): then the JPEG stream. */
const JPEG_SECTION = Buffer.from('SECi\0\0\x02\0\x02\0\0\0\x12\0\0\0', 'latin1');
const IMAGE_HEADER = 28;
const SCAN_CHUNK = 4 * 1024 * 1024;
/** Look-alikes checked before giving up: real files hold none, a hostile one could hold millions. */
const MAX_CANDIDATES = 10_000;

interface Directory {
  /** The file's end: after the directory and the 4-byte pointer to it. */
  readonly end: number;
  readonly entries: readonly { readonly pos: number; readonly length: number; readonly type: string }[];
}

/** A directory at `pos` (little-endian): 'SECd', version, count, 12-byte entries, then its own offset. */
async function readDirectory(reader: BoundedReader, offset: number, pos: number): Promise<Directory | undefined> {
  const head = await reader.bytes(pos, 12);
  const count = head ? head.readUInt32LE(8) : 0;
  if (!head || count === 0 || count > MAX_ENTRIES) return undefined;
  const table = await reader.bytes(pos + 12, count * 12 + 4);
  if (!table || table.readUInt32LE(count * 12) !== pos - offset) return undefined;
  const entries: { pos: number; length: number; type: string }[] = [];
  for (let i = 0; i < count; i++) {
    const [at, length, type] = [table.readUInt32LE(i * 12), table.readUInt32LE(i * 12 + 4), table.toString('latin1', i * 12 + 8, i * 12 + 12)];
    if (at < HEAD || at + length > pos - offset || !/^[A-Z0-9]{4}$/.test(type)) return undefined;
    const section = await reader.bytes(offset + at, 3);
    if (!section || section.toString('latin1') !== 'SEC') return undefined;
    entries.push({ pos: offset + at, length, type });
  }
  return { end: pos + 12 + count * 12 + 4, entries };
}

/**
 * Finds the directory. X3F names it only from the file's last 4 bytes, and nothing before says where
 * the file ends (the sections' headers carry no lengths). But the directory section starts with the
 * magic 'SECd' and ends with the 4-byte pointer back to itself; so the bytes after the header are
 * searched for 'SECd' (Buffer.indexOf, chunk by chunk), and the first place whose pointer matches its
 * own offset and whose entries each point, inside the file, at a section header ('SEC…') is the directory.
 */
async function findDirectory(reader: BoundedReader, offset: number, signal?: AbortSignal): Promise<Directory | undefined> {
  let candidates = 0;
  for (let from = offset + HEAD; from + DIRECTORY.length <= reader.end; from += SCAN_CHUNK) {
    throwIfAborted(signal);
    const chunk = await reader.bytes(from, Math.min(SCAN_CHUNK + DIRECTORY.length - 1, reader.end - from));
    if (!chunk) return undefined;
    for (let hit = chunk.indexOf(DIRECTORY); hit !== -1 && hit < SCAN_CHUNK; hit = chunk.indexOf(DIRECTORY, hit + 1)) {
      const count = hit + 12 <= chunk.length ? chunk.readUInt32LE(hit + 8) : 1;
      if (count === 0 || count > MAX_ENTRIES) continue;
      if (++candidates > MAX_CANDIDATES) return undefined;
      const directory = await readDirectory(reader, offset, from + hit);
      if (directory) return directory;
    }
  }
  return undefined;
}

/** The JPEG previews the directory lists (IMAG/IMA2 sections of format 18). */
async function previews(reader: BoundedReader, directory: Directory): Promise<EmbeddedJpeg[]> {
  const jpegs: EmbeddedJpeg[] = [];
  for (const entry of directory.entries) {
    if ((entry.type !== 'IMAG' && entry.type !== 'IMA2') || entry.length <= IMAGE_HEADER) continue;
    const header = await reader.bytes(entry.pos, JPEG_SECTION.length);
    if (header?.equals(JPEG_SECTION)) jpegs.push({ pos: entry.pos + IMAGE_HEADER, length: entry.length - IMAGE_HEADER });
  }
  return jpegs;
}

/**
 * The sections whose bytes the walk cannot verify: image data that is no JPEG stream (the raw sensor
 * data, uncompressed previews) and the camera's CAMF data. A JPEG section (format 18, or SOI right after
 * its header) is left out: it is a stream of its own and its EXIF holds a TIFF header.
 */
async function unverifiable(reader: BoundedReader, directory: Directory): Promise<Directory['entries']> {
  const out: Directory['entries'][number][] = [];
  for (const entry of directory.entries) {
    if (entry.type === 'CAMF') out.push(entry);
    if ((entry.type !== 'IMAG' && entry.type !== 'IMA2') || entry.length <= IMAGE_HEADER) continue;
    const header = await reader.bytes(entry.pos, IMAGE_HEADER + 2);
    const jpeg = header !== null && (header.readUInt32LE(12) === 18 || (header[IMAGE_HEADER] === 0xff && header[IMAGE_HEADER + 1] === 0xd8));
    if (!jpeg) out.push(entry);
  }
  return out;
}

function parseHeader(head: Buffer): { width: number; height: number } | undefined {
  if (head.length < HEAD || head.toString('latin1', 0, 4) !== 'FOVb') return undefined;
  const major = head.readUInt32LE(4) >>> 16;
  if (major < 1 || major > 5) return undefined;
  const at = major >= 4 ? 40 : 28;
  return { width: head.readUInt32LE(at), height: head.readUInt32LE(at + 4) };
}

/**
 * Sigma / Foveon X3F: 'FOVb' header, sections ('SECp' properties, 'SECi' images, 'SECc' camera data),
 * and at the end the directory listing them. The file ends after the directory's pointer to itself.
 * The raw image data and CAMF sections are payload: a complete file starting inside one cuts the X3F.
 */
export const x3fFormat: CarveFormat = {
  id: 'x3f',
  extensions: ['x3f'],
  mimeType: 'image/x-sigma-x3f',
  signatures: [{ offset: 0, bytes: [...Buffer.from('FOVb', 'latin1')] }],
  maxSize: MAX_SIZE,
  headerBytes: HEAD,
  checkHeader(head) {
    return head.length < HEAD ? head.toString('latin1', 0, 4) === 'FOVb'.slice(0, head.length) : parseHeader(head) !== undefined;
  },
  async match(source: CarveSource, offset, limits): Promise<FormatMatch | null> {
    const reader = new BoundedReader(source, offset, limits.maxSize, limits.signal);
    const head = await reader.bytes(offset, Math.min(HEAD, reader.end - offset));
    const size = head ? parseHeader(head) : undefined;
    const extent = new Extent(reader, offset, MAX_SIZE);
    if (!size) return reader.endIsSourceEnd && head?.length !== HEAD && extent.claim(offset, HEAD, 'the header') ? extent.match() : null;
    extent.claim(offset, HEAD, 'the header');
    const directory = await findDirectory(reader, offset, limits.signal);
    if (!directory) {
      if (reader.endIsSourceEnd) return outOfBytes(reader, offset, 'its directory');
      extent.problem(`no X3F directory within the ${reader.end - offset}-byte size limit`);
      return extent.match();
    }
    extent.claim(offset, directory.end - offset, 'the sections and directory');
    for (const entry of await unverifiable(reader, directory)) extent.payload(entry.pos, entry.length);
    const dimensions = size.width > 0 && size.height > 0 ? size : undefined;
    return extent.match({ dimensions });
  },
  async preview(source, file, signal) {
    const reader = new BoundedReader(fileView(source, file.byteRuns), 0, file.size, signal);
    const directory = await findDirectory(reader, 0, signal);
    return directory ? largestViewableJpeg(reader, await previews(reader, directory)) : undefined;
  },
};
