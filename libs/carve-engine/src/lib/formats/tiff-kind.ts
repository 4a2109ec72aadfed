import type { FileKind } from '../types.js';
import type { ImageFacts } from './shared/tiff-image-ifd.js';
import type { TiffHeader } from './shared/tiff-header.js';

const kind = (id: string, mimeType: string, extension = id): FileKind => ({ id, extension, mimeType });

/**
 * The kinds of file the TIFF structure carries. MIME types are file-type's where it knows the kind,
 * else the usual image/x-<maker>-<ext> names (as ExifTool and shared-mime-info use them).
 */
export const TIFF_KINDS = {
  tiff: kind('tiff', 'image/tiff', 'tif'),
  cr2: kind('cr2', 'image/x-canon-cr2'),
  nef: kind('nef', 'image/x-nikon-nef'),
  nrw: kind('nrw', 'image/x-nikon-nrw'),
  arw: kind('arw', 'image/x-sony-arw'),
  sr2: kind('sr2', 'image/x-sony-sr2'),
  srf: kind('srf', 'image/x-sony-srf'),
  dng: kind('dng', 'image/x-adobe-dng'),
  pef: kind('pef', 'image/x-pentax-pef'),
  orf: kind('orf', 'image/x-olympus-orf'),
  rw2: kind('rw2', 'image/x-panasonic-rw2'),
  rwl: kind('rwl', 'image/x-leica-rwl'),
  srw: kind('srw', 'image/x-samsung-srw'),
  '3fr': kind('3fr', 'image/x-hasselblad-3fr'),
  erf: kind('erf', 'image/x-epson-erf'),
} as const satisfies Record<string, FileKind>;

/** Sony's first RAW cameras: SRF (DSC-F828, DSC-V3) and SR2 (DSC-R1) came before ARW. */
const SONY_SRF_MODELS = /^DSC-(F828|V3)\b/i;
const SONY_SR2_MODELS = /^DSC-R1\b/i;

/**
 * Names the real kind of a TIFF-structured file. The header decides ORF ('IIRO'/'IIRS'/'MMOR'), RW2
 * ('IIU\0'; Leica's RWL by Make) and CR2 ('CR' and major version 2 at byte 8); DNGVersion makes a DNG
 * whoever made it; otherwise a file holding sensor data is named by its maker (NEF, or NRW when IFD0
 * holds a JPEG as Nikon's Coolpix RAWs do; ARW/SR2/SRF; PEF; SRW; 3FR; ERF). Anything else is a TIFF,
 * including the TIFFs cameras shoot, whose Make is a camera maker's but whose pixels are RGB.
 */
export function tiffKind(header: TiffHeader, head: Buffer, facts: ImageFacts): FileKind {
  const make = (facts.make ?? '').toUpperCase();
  if (header.variant === 'orf') return TIFF_KINDS.orf;
  if (header.variant === 'rw2') return make.startsWith('LEICA') ? TIFF_KINDS.rwl : TIFF_KINDS.rw2;
  if (header.variant === 'tiff' && head.length >= 11 && head.toString('latin1', 8, 10) === 'CR' && head[10] === 2) return TIFF_KINDS.cr2;
  if (facts.dng) return TIFF_KINDS.dng;
  if (!facts.raw) return TIFF_KINDS.tiff;
  const model = facts.model ?? '';
  if (make.startsWith('NIKON')) return facts.ifd0Compression === 6 ? TIFF_KINDS.nrw : TIFF_KINDS.nef;
  if (make.startsWith('SONY')) return SONY_SR2_MODELS.test(model) ? TIFF_KINDS.sr2 : SONY_SRF_MODELS.test(model) ? TIFF_KINDS.srf : TIFF_KINDS.arw;
  if (make.startsWith('PENTAX') || make.startsWith('ASAHI') || make.startsWith('RICOH')) return TIFF_KINDS.pef;
  if (make.startsWith('SAMSUNG')) return TIFF_KINDS.srw;
  if (make.startsWith('HASSELBLAD')) return TIFF_KINDS['3fr'];
  if (make.includes('EPSON')) return TIFF_KINDS.erf;
  return TIFF_KINDS.tiff;
}
