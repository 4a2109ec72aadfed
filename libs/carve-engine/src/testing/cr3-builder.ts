import { box, ftyp, moov, text, u16, u32, uuidBox } from './isobmff-builder.js';
import { renderJpeg } from './jpeg-fixtures.js';
import { randomBytes } from './random.js';

const CANON_UUID = '85c0b687820f11e08111f4ce462b6a48';
const XMP_UUID = 'be7acfcb97a942e89c71999491e3afac';
const PREVIEW_UUID = 'eaf42b5e1c984b88b9fbb7dc406e4d16';

export interface Cr3Spec {
  /** The full-size JPEG (track 1), its size is the file's. */
  readonly full: { readonly data: Buffer; readonly width: number; readonly height: number };
  /** Stand-in RAW bytes (track 2). */
  readonly raw: Buffer;
  /** The PRVW JPEG in the preview uuid box; left out when absent. */
  readonly preview?: Buffer;
  /** The THMB JPEG in Canon's moov box; left out when absent. */
  readonly thumbnail?: Buffer;
  /** Added to every chunk offset (to point them outside the file). */
  readonly offsetShift?: number;
}

/**
 * A CR3-like file laid out as Canon writes it (box layout documented by lclevy/canon_cr3): ftyp 'crx ',
 * moov (Canon uuid with CNCV, CMT1, THMB; mvhd; a JPEG track and a RAW track with 64-bit chunk offsets),
 * the XMP uuid, the preview uuid (PRVW), then the mdat with the tracks' data.
 */
export function buildCr3(spec: Cr3Spec): Buffer {
  const { full, raw } = spec;
  const canon = uuidBox(
    CANON_UUID,
    box('CNCV', text('CanonCR3_001/00.09.00/00.00.00')),
    box('CMT1', text('II'), u16(0x2a00), u32(0x08000000), u16(0), u32(0)),
    ...(spec.thumbnail ? [box('THMB', u32(0), u16(160, 120), u32(spec.thumbnail.length), u16(1, 0), spec.thumbnail)] : []),
  );
  const movie = (dataStart: number): Buffer => {
    const at = dataStart + (spec.offsetShift ?? 0);
    return moov(
      [
        { width: full.width, height: full.height, chunkOffsets: [at], sampleSizes: [full.data.length], co64: true, codec: 'CRAW' },
        { width: full.width + 48, height: full.height + 32, chunkOffsets: [at + full.data.length], sampleSizes: [raw.length], co64: true, codec: 'CRAW' },
      ],
      canon,
    );
  };
  const xmp = uuidBox(XMP_UUID, text('<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/"/><?xpacket end="w"?>'));
  const preview = spec.preview
    ? [uuidBox(PREVIEW_UUID, u32(0, 1), box('PRVW', u32(0), u16(1, 1620, 1080, 1), u32(spec.preview.length), spec.preview))]
    : [];
  const head = ftyp('crx ', 1, 'crx ', 'isom');
  const before = head.length + movie(0).length + xmp.length + preview.reduce((n, b) => n + b.length, 0);
  return Buffer.concat([head, movie(before + 8), xmp, ...preview, box('mdat', full.data, raw)]);
}

/** A CR3-like sample with real JPEGs from sharp: a 96×64 "full-size" image, a PRVW preview and a THMB. */
export async function renderCr3(): Promise<Buffer> {
  return buildCr3({
    full: { data: await renderJpeg({ width: 96, height: 64, seed: 3 }), width: 96, height: 64 },
    raw: randomBytes(3000, 5),
    preview: await renderJpeg({ width: 81, height: 54, seed: 4 }),
    thumbnail: await renderJpeg({ width: 40, height: 30, seed: 6 }),
  });
}
