import type { BoundedReader } from '../bounded-reader.js';
import type { FileKind, FormatMatch } from '../types.js';
import { childrenIn, uintIn, type EbmlElement } from './shared/ebml.js';

/** Element ids from the Matroska specification (RFC 9559), the ones the walk needs. */
export const EBML = 0x1a45dfa3;
export const SEGMENT = 0x18538067;
export const CLUSTER = 0x1f43b675;
export const TRACKS = 0x1654ae6b;
export const VOID = 0xec;
export const CRC32 = 0xbf;
const DOC_TYPE = 0x4282;
const TRACK_ENTRY = 0xae;
const VIDEO = 0xe0;
const PIXEL_WIDTH = 0xb0;
const PIXEL_HEIGHT = 0xba;

/** What a Segment may hold at its top level. */
export const SEGMENT_CHILDREN: ReadonlySet<number> = new Set([0x114d9b74, 0x1549a966, TRACKS, CLUSTER, 0x1c53bb6b, 0x1941a469, 0x1043a770, 0x1254c367, VOID, CRC32]);
/** What a Cluster may hold: Timestamp, SilentTracks, Position, PrevSize, SimpleBlock, BlockGroup, EncryptedBlock. */
export const CLUSTER_CHILDREN: ReadonlySet<number> = new Set([0xe7, 0x5854, 0xa7, 0xab, 0xa3, 0xa0, 0xaf, VOID, CRC32]);

/** The EBML header is a few dozen bytes; anything much larger is not one. */
export const MAX_EBML_HEADER = 4096;
/** Tracks are read whole for the video size only when they are this small (they are a few hundred bytes). */
const MAX_TRACKS_READ = 1024 * 1024;

export const MATROSKA_KINDS: Readonly<Record<string, FileKind>> = {
  matroska: { id: 'mkv', extension: 'mkv', mimeType: 'video/matroska' },
  webm: { id: 'webm', extension: 'webm', mimeType: 'video/webm' },
};

/** The DocType in an EBML header (read whole); null when the bytes end first, undefined when it has none. */
export async function readDocType(reader: BoundedReader, header: EbmlElement & { readonly size: number }): Promise<string | null | undefined> {
  const body = await reader.bytes(header.data, header.size);
  if (body === null) return null;
  for (const el of childrenIn(body, header.data, header.data + header.size, header.data)) {
    if (el.id === DOC_TYPE && el.size <= 64) return body.toString('latin1', el.data - header.data, el.data - header.data + el.size).replace(/\0+$/, '');
  }
  return undefined;
}

/** PixelWidth × PixelHeight of the first video track, when Tracks is small enough to read whole. */
export async function readVideoSize(reader: BoundedReader, tracks: EbmlElement & { readonly size: number }): Promise<FormatMatch['dimensions']> {
  if (tracks.size > MAX_TRACKS_READ) return undefined;
  const body = await reader.bytes(tracks.data, tracks.size);
  if (body === null) return undefined;
  const base = tracks.data;
  for (const entry of childrenIn(body, base, base + tracks.size, base)) {
    if (entry.id !== TRACK_ENTRY) continue;
    for (const video of childrenIn(body, entry.data, entry.data + entry.size, base)) {
      if (video.id !== VIDEO) continue;
      let width: number | undefined;
      let height: number | undefined;
      for (const el of childrenIn(body, video.data, video.data + video.size, base)) {
        if (el.id === PIXEL_WIDTH) width = uintIn(body, el, base);
        if (el.id === PIXEL_HEIGHT) height = uintIn(body, el, base);
      }
      if (width && height) return { width, height };
    }
  }
  return undefined;
}
