import { throwIfAborted } from '../../errors.js';
import type { EmbeddedJpeg } from './embedded-jpeg.js';
import type { TiffVariant } from './tiff-header.js';
import type { Ifd, IfdEntry, TiffView } from './tiff-ifd.js';
import { makerNoteStart, olympusSubIfdOffset, type MakerRole } from './tiff-makernotes.js';
import { OLYMPUS_SUB_IFDS, TAG } from './tiff-tags.js';
import { readImageIfd, type ImageFacts } from './tiff-image-ifd.js';

/** IFDs read per file: a RAW has ~10 (chain, SubIFDs, EXIF, GPS, maker note); this stops hostile webs. */
export const MAX_IFDS = 256;
/** SubIFDs inside SubIFDs: DNG and NEF use one level. */
export const MAX_SUBIFD_DEPTH = 4;
const MAX_SUBIFDS = 64;

type Role = 'image' | 'exif' | 'gps' | 'interop' | 'sr2' | 'olympus-camera' | MakerRole;

export interface Visit {
  readonly view: TiffView;
  readonly offset: number;
  readonly role: Role;
  readonly label: string;
  readonly depth: number;
  /** Problems here are reasons only (maker notes, private IFDs): the image does not depend on them. */
  readonly soft: boolean;
  /** Position in the IFD0 → IFD1 → … chain, whose next-IFD links are followed. */
  readonly chainIndex?: number;
  /** Reached by a second, legitimate pointer (CR2's header names the raw IFD of the chain): no loop. */
  readonly quiet?: boolean;
}

/** What the walk learns about a TIFF besides its extent (which goes into the view's Extent). */
export interface TiffFacts extends ImageFacts {
  /** IFD0 could be read: without it the candidate is no TIFF (or the source ends first). */
  ifd0: boolean;
}

export interface TiffWalkOptions {
  readonly variant: TiffVariant;
  /** More IFDs to read besides the chain from IFD0 (offsets from the view's base). */
  readonly extraIfds?: readonly number[];
  readonly signal?: AbortSignal;
}

/**
 * Walks every IFD of a TIFF structure: the IFD0 chain, SubIFDs, the EXIF, GPS and Interoperability
 * IFDs, Sony's SR2Private IFD and the maker notes that hold previews. Each IFD, out-of-line value,
 * strip, tile and JPEG stream is claimed in the view's Extent, so the file's end is the furthest of them.
 * Loops (an IFD reached twice), oversized counts and offsets out of reach are problems, never hangs.
 */
export async function walkTiff(view: TiffView, firstIfd: number, options: TiffWalkOptions): Promise<TiffFacts> {
  const facts: TiffFacts = { ifd0: false, dng: false, raw: false, jpegs: [] as EmbeddedJpeg[] };
  const queue: Visit[] = [{ view, offset: firstIfd, role: 'image', label: 'IFD0', depth: 0, soft: false, chainIndex: 0 }];
  for (const offset of options.extraIfds ?? []) queue.push({ view, offset, role: 'image', label: 'raw IFD', depth: 0, soft: false, quiet: true });
  /** IFD positions read, and whether a second pointer to them is expected (then it is no loop). */
  const seen = new Map<number, boolean>();
  const extent = view.extent;
  let visited = 0;
  for (let visit = queue.shift(); visit; visit = queue.shift()) {
    throwIfAborted(options.signal);
    const at = visit.view.base + visit.offset;
    const earlier = seen.get(at);
    if (earlier !== undefined) {
      if (!earlier && !visit.quiet) extent.problem(`${visit.label} at ${visit.offset} was reached before: the IFDs form a loop`, visit.soft);
      continue;
    }
    if (++visited > MAX_IFDS) {
      extent.problem(`more than ${MAX_IFDS} IFDs`);
      break;
    }
    seen.set(at, visit.quiet === true);
    const ifd = await visit.view.readIfd(visit.offset, visit.label, visit.soft);
    if (!ifd) continue;
    if (visit.chainIndex === 0) facts.ifd0 = true;
    claimValues(visit, ifd);
    queue.push(...(await follow(visit, ifd, facts, options.variant)));
    if (visit.chainIndex !== undefined && ifd.next !== 0) {
      const index = visit.chainIndex + 1;
      queue.push({ ...visit, offset: ifd.next, label: `IFD${index}`, chainIndex: index });
    }
  }
  return facts;
}

/** Every value stored outside its entry is part of the file. */
function claimValues(visit: Visit, ifd: Ifd): void {
  for (const entry of ifd.entries.values()) {
    if (entry.inline) continue;
    const what = `${visit.label} tag 0x${entry.tag.toString(16).padStart(4, '0')}`;
    visit.view.claimValue(entry, what, visit.soft);
  }
}

/** Reads what the IFD's role makes it hold and returns the IFDs it points to. */
async function follow(visit: Visit, ifd: Ifd, facts: TiffFacts, variant: TiffVariant): Promise<Visit[]> {
  const { view, soft, depth } = visit;
  const e = ifd.entries;
  const next: Visit[] = [];
  const to = async (entry: IfdEntry | undefined, role: Role, label: string, childSoft = soft): Promise<void> => {
    const offset = await view.number(entry, `${label} offset`, childSoft);
    if (offset !== undefined && offset !== 0) next.push({ view, offset, role, label, depth, soft: childSoft });
  };
  /** An offset/length pair of private data (soft: maker notes); a JPEG preview when `jpeg`. */
  const pair = async (offTag: number, lenTag: number, what: string, jpeg: boolean): Promise<void> => {
    const pos = await view.number(e.get(offTag), what, true);
    const length = await view.number(e.get(lenTag), what, true);
    if (pos === undefined || !length || pos < view.headerSize) return;
    if (view.extent.claim(view.base + pos, length, what, true) && jpeg) facts.jpegs.push({ pos: view.base + pos, length });
  };
  switch (visit.role) {
    case 'image': {
      const subIfds = await readImageIfd(visit, ifd, facts, variant);
      for (const [i, offset] of subIfds.slice(0, MAX_SUBIFDS).entries()) {
        if (depth >= MAX_SUBIFD_DEPTH) view.extent.problem(`${visit.label}: SubIFDs nested deeper than ${MAX_SUBIFD_DEPTH}`, soft);
        else next.push({ view, offset, role: 'image', label: `${visit.label} SubIFD${i}`, depth: depth + 1, soft });
      }
      if (subIfds.length > MAX_SUBIFDS) view.extent.problem(`${visit.label} lists ${subIfds.length} SubIFDs`, soft);
      await to(e.get(TAG.exifIfd), 'exif', 'EXIF IFD');
      await to(e.get(TAG.gpsIfd), 'gps', 'GPS IFD');
      const privateData = e.get(TAG.dngPrivateData);
      if (privateData?.inline && privateData.byteLength === 4 && /^SONY/i.test(facts.make ?? '')) {
        const buf = await view.reader.bytes(privateData.valuePos, 4);
        if (buf) next.push({ view, offset: view.uint(buf, 0, 4), role: 'sr2', label: 'SR2Private IFD', depth, soft: true });
      }
      break;
    }
    case 'exif': {
      await to(e.get(TAG.interopIfd), 'interop', 'Interoperability IFD');
      const note = e.get(TAG.makerNote);
      const start = note && view.reader.end >= note.valuePos + note.byteLength ? await makerNoteStart(view, note, facts.make) : undefined;
      if (start) next.push({ view: start.view, offset: start.offset, role: start.role, label: start.label, depth, soft: true });
      break;
    }
    case 'sr2':
      await pair(TAG.sr2SubIfdOffset, TAG.sr2SubIfdLength, 'SR2SubIFD', false);
      break;
    case 'olympus':
      for (const [tag, entry] of e) {
        if (!OLYMPUS_SUB_IFDS.has(tag)) continue;
        const offset = await olympusSubIfdOffset(view, entry);
        const role = tag === TAG.olympusCameraSettings ? 'olympus-camera' : 'olympus-sub';
        if (offset) next.push({ view, offset, role, label: `Olympus IFD 0x${tag.toString(16)}`, depth, soft: true });
      }
      break;
    case 'olympus-camera':
      await pair(TAG.olympusPreviewStart, TAG.olympusPreviewLength, 'Olympus preview', true);
      break;
    case 'nikon':
      await to(e.get(TAG.nikonPreviewIfd), 'image', 'Nikon preview IFD', true);
      break;
    case 'minolta': {
      await pair(TAG.minoltaPreviewStart, TAG.minoltaPreviewLength, 'Minolta preview', true);
      const thumb = e.get(TAG.minoltaThumbnail);
      if (thumb && !thumb.inline && view.reader.end >= thumb.valuePos + thumb.byteLength) facts.jpegs.push({ pos: thumb.valuePos, length: thumb.byteLength });
      break;
    }
    default:
      break;
  }
  return next;
}
