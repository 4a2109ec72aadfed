import { parseTiffHeader } from './tiff-header.js';
import type { IfdEntry, TiffView } from './tiff-ifd.js';

/** Maker notes whose IFDs the walk reads: they hold previews (Olympus, Nikon, Minolta). */
export type MakerRole = 'olympus' | 'olympus-sub' | 'nikon' | 'minolta';

export interface MakerNoteStart {
  readonly view: TiffView;
  readonly offset: number;
  readonly role: MakerRole;
  readonly label: string;
}

const HEAD = 18;

/**
 * Where a maker note's first IFD is and what its offsets count from, by its header (the layouts
 * ExifTool's tag documentation describes):
 * - "OLYMPUS\0" + byte order + version: IFD at +12, offsets from the note's start;
 * - "OM SYSTEM\0\0\0" + byte order + version: IFD at +16, offsets from the note's start;
 * - "OLYMP\0" / "EPSON\0" + version: IFD at +8, offsets from the file's TIFF header;
 * - "Nikon\0" + version 2: a TIFF header of its own at +10, offsets from there;
 * - Minolta (by Make): a plain IFD at the note's start, offsets from the file's TIFF header.
 * Anything else stays an opaque blob (its bytes still count toward the file's end).
 */
export async function makerNoteStart(view: TiffView, entry: IfdEntry, make: string | undefined): Promise<MakerNoteStart | undefined> {
  if (entry.inline || entry.byteLength < HEAD) return undefined;
  const head = await view.reader.bytes(entry.valuePos, HEAD);
  if (!head) return undefined;
  const text = head.toString('latin1');
  const at = entry.valuePos;
  const order = (pos: number): boolean | undefined => (text.startsWith('II', pos) ? true : text.startsWith('MM', pos) ? false : undefined);
  if (text.startsWith('OLYMPUS\0')) {
    const le = order(8);
    return le === undefined ? undefined : { view: view.rebased(at, le, 12), offset: 12, role: 'olympus', label: 'Olympus maker note' };
  }
  if (text.startsWith('OM SYSTEM\0')) {
    const le = order(12);
    return le === undefined ? undefined : { view: view.rebased(at, le, 16), offset: 16, role: 'olympus', label: 'OM System maker note' };
  }
  if (text.startsWith('OLYMP\0') || text.startsWith('EPSON\0')) {
    return { view, offset: at + 8 - view.base, role: 'olympus', label: 'Olympus maker note' };
  }
  if (text.startsWith('Nikon\0\x02')) {
    const header = parseTiffHeader(head.subarray(10));
    if (!header || header.variant !== 'tiff') return undefined;
    return { view: view.rebased(at + 10, header.littleEndian), offset: header.firstIfd, role: 'nikon', label: 'Nikon maker note' };
  }
  if (make && /^(KONICA )?MINOLTA/i.test(make)) {
    return { view, offset: at - view.base, role: 'minolta', label: 'Minolta maker note' };
  }
  return undefined;
}

/**
 * An Olympus sub-IFD (Equipment, CameraSettings…): new notes store its offset (type IFD or LONG, from the
 * note's base), old ones store the IFD itself as the value (type UNDEFINED).
 */
export async function olympusSubIfdOffset(view: TiffView, entry: IfdEntry): Promise<number | undefined> {
  if (entry.type === 7 && !entry.inline) return entry.valuePos - view.base;
  if ((entry.type === 13 || entry.type === 4) && entry.count === 1) return view.number(entry, 'Olympus sub-IFD offset', true);
  return undefined;
}
