import { box, fullBox, ftyp, text, u16, u32, u8 } from './isobmff-builder.js';
import { exifApp1WithThumbnail } from './jpeg-fixtures.js';

/** An item of a built HEIF file: its type and bytes (stored in the mdat). */
export interface HeifItemSpec {
  readonly type: string;
  readonly data: Buffer;
  /** Size for an ispe property. */
  readonly size?: { readonly width: number; readonly height: number };
}

export interface HeifSpec {
  readonly brands?: readonly string[];
  /** Item 1, the primary image ('hvc1' with stand-in bytes by default: nothing here decodes HEVC). */
  readonly primary: HeifItemSpec;
  /** Item 2: a thumbnail of the primary ('thmb' reference). */
  readonly thumbnail?: HeifItemSpec;
  /** Item 3: an Exif item describing the primary ('cdsc' reference). */
  readonly exif?: Buffer;
  /** The mdat before the meta (Samsung writes it so). */
  readonly mdatFirst?: boolean;
  /** Boxes after the last one (a motion photo's mpvd). */
  readonly trailer?: readonly Buffer[];
  /** Added to every iloc offset (to point items outside the file). */
  readonly offsetShift?: number;
  /** Boxes of the meta replaced by these, by type (hostile variants). */
  readonly replace?: Readonly<Record<string, Buffer>>;
}

/**
 * A minimal HEIF file from ISO/IEC 23008-12: ftyp, a meta (hdlr 'pict', pitm, iinf, iref, iprp with
 * ispe properties, iloc version 0 with 32-bit offsets) and an mdat holding the items' bytes.
 */
export function buildHeif(spec: HeifSpec): Buffer {
  const items = [spec.primary, spec.thumbnail, spec.exif && { type: 'Exif', data: spec.exif }]
    .map((item, i) => item && { ...item, id: i + 1 })
    .filter((item) => item !== undefined);
  const [major = 'heic', ...compatible] = spec.brands ?? ['heic', 'mif1', 'heic'];
  const head = ftyp(major, 0, ...compatible);
  const mdatBody = Buffer.concat(items.map((i) => i.data));
  const meta = (dataStart: number): Buffer => {
    let at = dataStart + (spec.offsetShift ?? 0);
    const iloc = fullBox('iloc', 0, 0, u16(0x4400, items.length), ...items.map((i) => {
      const entry = Buffer.concat([u16(i.id, 0, 1), u32(at, i.data.length)]);
      at += i.data.length;
      return entry;
    }));
    const refs = [spec.thumbnail && box('thmb', u16(2, 1, 1)), spec.exif && box('cdsc', u16(3, 1, 1))].filter((b) => b !== undefined);
    const sized = items.filter((i) => i.size);
    return fullBox(
      'meta', 0, 0,
      fullBox('hdlr', 0, 0, u32(0), text('pict'), Buffer.alloc(13)),
      fullBox('pitm', 0, 0, u16(1)),
      fullBox('iinf', 0, 0, u16(items.length), ...items.map((i) => fullBox('infe', 2, 0, u16(i.id, 0), text(i.type), u8(0)))),
      ...(refs.length ? [fullBox('iref', 0, 0, ...refs)] : []),
      box('iprp', box('ipco', ...sized.map((i) => fullBox('ispe', 0, 0, u32(i.size?.width ?? 0, i.size?.height ?? 0)))),
        fullBox('ipma', 0, 0, u32(sized.length), ...sized.map((i, n) => Buffer.concat([u16(i.id), u8(1, 0x80 | (n + 1))])))),
      spec.replace?.['iloc'] ?? iloc,
    );
  };
  const mdat = box('mdat', mdatBody);
  if (spec.mdatFirst) return Buffer.concat([head, mdat, meta(head.length + 8), ...(spec.trailer ?? [])]);
  const size = meta(0).length;
  return Buffer.concat([head, meta(head.length + size + 8), mdat, ...(spec.trailer ?? [])]);
}

/** An Exif item (23008-12 Annex A): offset 6 to the TIFF header, "Exif\0\0", a TIFF whose IFD1 holds `thumbnail`. */
export function exifItemWithThumbnail(thumbnail: Buffer): Buffer {
  return Buffer.concat([u32(6), exifApp1WithThumbnail(thumbnail).subarray(4)]);
}
