import type { FileKind } from '../types.js';

/** The file type box (ISO/IEC 14496-12 §4.3): size, 'ftyp', major brand, minor version, compatible brands. */
export const FTYP = [0x66, 0x74, 0x79, 0x70];
/** Enough of the head for the ftyp box and a few compatible brands. */
export const FTYP_HEAD_BYTES = 64;

/** Which descriptor carves a brand: stills (HEIF/AVIF), video, Canon RAW, or nobody (audio). */
export type FtypFamily = 'image' | 'video' | 'cr3' | 'audio';

export interface FtypKind {
  readonly family: FtypFamily;
  readonly kind: FileKind;
}

const kind = (id: string, mimeType: string, extension = id): FileKind => ({ id, extension, mimeType });
const MP4 = kind('mp4', 'video/mp4');
const AUDIO = new Set(['M4A ', 'M4B ', 'M4P ', 'F4A ', 'F4B ']);
/** Brands of MP4-like video (14496-12/14/15, DASH, camera and phone makers' own). */
const VIDEO = new Set([
  'isom', 'iso2', 'iso3', 'iso4', 'iso5', 'iso6', 'iso7', 'iso8', 'iso9', 'mp41', 'mp42', 'mp71', 'avc1', 'dash', 'msdh', 'msix',
  'mmp4', 'MSNV', 'XAVC', 'F4V ', 'F4P ', 'CAEP', 'nvr1', 'qt  ', 'M4V ', 'M4VH', 'M4VP', 'cmfc', 'cmf2', 'piff', 'isml',
]);
const HEIC = new Set(['heic', 'heix', 'heim', 'heis']);
const HEIC_SEQUENCE = new Set(['hevc', 'hevx', 'hevm', 'hevs']);

/**
 * What the ftyp at the start of `head` makes the file. MIME types are the ones file-type 21 gives for
 * the major brand, so the engine's cross-check agrees; the id and extension follow the content (a
 * 'mif1' file whose brands list 'heic' is a .heic). Undefined when the head has no sane ftyp.
 */
export function ftypKind(head: Buffer): FtypKind | undefined {
  if (head.length < 16 || head.toString('latin1', 4, 8) !== 'ftyp') return undefined;
  const size = head.readUInt32BE(0);
  if (size < 16 || size > 1024 || size % 4 !== 0) return undefined;
  const major = head.toString('latin1', 8, 12);
  if (!/^[\x20-\x7e]{4}$/.test(major)) return undefined;
  const brands = new Set([major]);
  for (let at = 16; at + 4 <= Math.min(size, head.length); at += 4) brands.add(head.toString('latin1', at, at + 4));
  return imageKind(major, brands) ?? otherKind(major, brands);
}

function imageKind(major: string, brands: ReadonlySet<string>): FtypKind | undefined {
  const has = (...list: string[]): boolean => list.some((b) => brands.has(b));
  const content = (mimeType: string): FtypKind => ({
    family: 'image',
    kind: has('avif', 'avis') && !has('heic', 'heix', 'hevc', 'hevx') ? kind('avif', mimeType) : has('heic', 'heix', 'hevc', 'hevx') ? kind('heic', mimeType) : kind('heif', mimeType),
  });
  if (major === 'avif' || major === 'avis') return { family: 'image', kind: kind('avif', 'image/avif') };
  if (HEIC.has(major)) return { family: 'image', kind: kind('heic', 'image/heic') };
  if (HEIC_SEQUENCE.has(major)) return { family: 'image', kind: kind('heic', 'image/heic-sequence') };
  if (major === 'mif1' || major === 'mif2') return content('image/heif');
  if (major === 'msf1') return content('image/heif-sequence');
  return undefined;
}

function otherKind(major: string, brands: ReadonlySet<string>): FtypKind | undefined {
  if (major === 'crx ') return { family: 'cr3', kind: kind('cr3', 'image/x-canon-cr3') };
  if (AUDIO.has(major)) return { family: 'audio', kind: kind('m4a', 'audio/x-m4a') };
  if (major === 'qt  ') return { family: 'video', kind: kind('mov', 'video/quicktime') };
  if (major.startsWith('M4V')) return { family: 'video', kind: kind('m4v', 'video/x-m4v') };
  if (major.startsWith('3g2')) return { family: 'video', kind: kind('3g2', 'video/3gpp2') };
  if (major.startsWith('3g')) return { family: 'video', kind: kind('3gp', 'video/3gpp') };
  if (VIDEO.has(major) || [...brands].some((b) => VIDEO.has(b) || b.startsWith('3g'))) return { family: 'video', kind: MP4 };
  return undefined;
}
