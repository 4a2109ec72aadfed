import { BoundedReader } from '../bounded-reader.js';
import type { CarveFormat, FormatMatch } from '../types.js';
import { CLUSTER, CLUSTER_CHILDREN, CRC32, EBML, MATROSKA_KINDS, MAX_EBML_HEADER, readDocType, readVideoSize, SEGMENT, SEGMENT_CHILDREN, TRACKS, VOID } from './mkv-elements.js';
import { readElement, type EbmlElement } from './shared/ebml.js';
import { outOfBytes } from './shared/match-result.js';
import { doneAt, invalidAt, matchFromStop, OUT_OF_DATA, type WalkStop } from './shared/walk-stop.js';

/** Top-level elements plus the blocks of unknown-size clusters; a long recording has a few hundred thousand. */
export const MAX_SEGMENT_ELEMENTS = 4_000_000;

const hex = (id: number): string => `0x${id.toString(16).toUpperCase()}`;

/** Matroska (.mkv) and WebM: an EBML header naming the DocType, then one Segment. */
export const mkvFormat: CarveFormat = {
  id: 'mkv',
  extensions: ['mkv', 'webm'],
  mimeType: 'video/matroska',
  signatures: [{ offset: 0, bytes: [0x1a, 0x45, 0xdf, 0xa3] }],
  maxSize: 64 * 1024 * 1024 * 1024,
  headerBytes: 64,
  checkHeader(head) {
    // The DocType element (42 82) with 'matroska' or 'webm' comes within the first few dozen bytes.
    const text = head.toString('latin1');
    return text.includes('\x42\x82') && (text.includes('matroska') || text.includes('webm'));
  },
  match(source, offset, limits) {
    return walkMatroska(new BoundedReader(source, offset, limits.maxSize, limits.signal), offset);
  },
};

/**
 * The Segment's size gives the end, checked by walking its top-level elements. An unknown-size Segment
 * (a live recording) ends at the first element that cannot belong to it; so does an unknown-size Cluster.
 */
async function walkMatroska(reader: BoundedReader, start: number): Promise<FormatMatch | null> {
  const header = await readElement(reader, start);
  if (header === null || typeof header === 'string' || header.id !== EBML || header.size === undefined || header.size > MAX_EBML_HEADER) return null;
  const docType = await readDocType(reader, { ...header, size: header.size });
  const kind = docType ? MATROSKA_KINDS[docType] : undefined;
  if (!kind) return null;
  const segment = await readElement(reader, header.data + header.size);
  if (segment === null) return outOfBytes(reader, start, 'its Segment', { kind });
  if (typeof segment === 'string' || segment.id !== SEGMENT) return null;
  const walk = new SegmentWalk(reader, segment);
  const stop = await walk.run();
  return matchFromStop(reader, start, stop, 'the end of its Segment', { kind, dimensions: walk.dimensions });
}

class SegmentWalk {
  dimensions: FormatMatch['dimensions'];
  private elements = 0;
  private readonly end: number | undefined;

  constructor(
    private readonly reader: BoundedReader,
    private readonly segment: EbmlElement,
  ) {
    this.end = segment.size === undefined ? undefined : segment.data + segment.size;
  }

  async run(): Promise<WalkStop> {
    const { reader, end } = this;
    // Something that cannot be here breaks a known-size Segment and ends an unknown-size one.
    const foreign = (pos: number, reason: string): WalkStop => (end === undefined ? doneAt(pos) : invalidAt(pos, reason));
    for (let pos = this.segment.data; ; ) {
      if (pos === end || (end === undefined && pos === reader.end && reader.endIsSourceEnd)) return doneAt(pos);
      const el = await readElement(reader, pos);
      if (el === null) return OUT_OF_DATA;
      if (typeof el === 'string') return foreign(pos, el);
      if (!SEGMENT_CHILDREN.has(el.id)) return foreign(pos, `element ${hex(el.id)} at ${pos} cannot be in a Segment`);
      if (++this.elements > MAX_SEGMENT_ELEMENTS) return invalidAt(pos, `more than ${MAX_SEGMENT_ELEMENTS} elements`);
      if (el.size === undefined) {
        if (el.id !== CLUSTER) return invalidAt(pos, `element ${hex(el.id)} at ${pos} has an unknown size`);
        const cluster = await this.unknownSizeCluster(el.data);
        if (cluster.kind !== 'done') return cluster;
        pos = cluster.end;
        continue;
      }
      const elEnd = el.data + el.size;
      if (end !== undefined && elEnd > end) {
        const reason = `the Segment size ends it at ${end}, but element ${hex(el.id)} at ${pos} runs to ${elEnd}`;
        // Never past the Segment's own end: a lying element size would swallow whatever follows.
        if (el.id === TRACKS) this.dimensions ??= await readVideoSize(reader, { ...el, size: el.size });
        return invalidAt(end <= reader.end ? end : pos, reason);
      }
      if (el.id === CRC32 && el.size !== 4) return foreign(pos, `CRC-32 element at ${pos} is ${el.size} bytes, not 4`);
      // One stray 0xEC byte would read as Void: in an unknown-size Segment a Void must lead somewhere.
      if (end === undefined && el.id === VOID && !(await this.startsChild(elEnd))) return doneAt(pos);
      if (el.id === TRACKS) this.dimensions ??= await readVideoSize(reader, { ...el, size: el.size });
      if (elEnd > reader.end) return OUT_OF_DATA;
      pos = elEnd;
    }
  }

  /** Walks the blocks of an unknown-size Cluster; it ends (done) at the first element that is no Cluster child. */
  private async unknownSizeCluster(from: number): Promise<WalkStop> {
    const { reader, end } = this;
    for (let pos = from; ; ) {
      if (pos === end || pos === reader.end) return pos === end || reader.endIsSourceEnd ? doneAt(pos) : OUT_OF_DATA;
      const el = await readElement(reader, pos);
      if (el === null) return OUT_OF_DATA;
      if (typeof el === 'string' || !CLUSTER_CHILDREN.has(el.id)) return doneAt(pos);
      if (++this.elements > MAX_SEGMENT_ELEMENTS) return invalidAt(pos, `more than ${MAX_SEGMENT_ELEMENTS} elements`);
      if (el.size === undefined) return invalidAt(pos, `element ${hex(el.id)} at ${pos} in a Cluster has an unknown size`);
      const elEnd = el.data + el.size;
      if (end !== undefined && elEnd > end) return invalidAt(pos, `element ${hex(el.id)} at ${pos} runs past the end of its Segment at ${end}`);
      if (elEnd > reader.end) return OUT_OF_DATA;
      pos = elEnd;
    }
  }

  /** Whether a Segment child starts at `pos` (or the readable bytes end there, so nothing says otherwise). */
  private async startsChild(pos: number): Promise<boolean> {
    const el = await readElement(this.reader, pos);
    return el === null || (typeof el !== 'string' && SEGMENT_CHILDREN.has(el.id));
  }
}
