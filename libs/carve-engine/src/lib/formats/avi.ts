import { BoundedReader } from '../bounded-reader.js';
import type { CarveFormat, FormatMatch } from '../types.js';
import { readForm, RiffWalker, walkForm, type ChunkVisitor } from './shared/riff.js';
import { invalidAt, matchFromStop, OUT_OF_DATA, unlessDone, type WalkStop } from './shared/walk-stop.js';

/** OpenDML files past 1 GB go on in 'RIFF'…'AVIX' forms of up to ~1 GB each; this stops hostile chains. */
export const MAX_AVIX_FORMS = 1024;

/** AVI (RIFF 'AVI ': hdrl, movi, idx1), including OpenDML files continued in AVIX forms. */
export const aviFormat: CarveFormat = {
  id: 'avi',
  extensions: ['avi'],
  mimeType: 'video/vnd.avi',
  signatures: [{ offset: 0, bytes: [...Buffer.from('RIFF')] }],
  maxSize: 64 * 1024 * 1024 * 1024,
  headerBytes: 24,
  checkHeader(head) {
    // Every AVI starts with its header list: RIFF size 'AVI ' LIST size 'hdrl'.
    return head.length >= 24 && head.toString('latin1', 8, 16) === 'AVI LIST' && head.toString('latin1', 20, 24) === 'hdrl' && head.readUInt32LE(16) >= 4;
  },
  match(source, offset, limits) {
    return walkAvi(new BoundedReader(source, offset, limits.maxSize, limits.signal), offset);
  },
};

/**
 * Walks every chunk (into hdrl, movi and every other list) to the end the RIFF size gives, then over the
 * AVIX forms that follow directly. Size from the main header (avih).
 */
async function walkAvi(reader: BoundedReader, start: number): Promise<FormatMatch | null> {
  const walker = new RiffWalker(reader);
  const form = await readForm(walker, start);
  if (form === null || form.form !== 'AVI ') return null;
  let dimensions: FormatMatch['dimensions'];
  let header = false;
  let movi = false;
  const visit: ChunkVisitor = async (chunk, depth) => {
    if (chunk.id === 'LIST') {
      if ((await walker.listType(chunk)) === 'movi') movi = true;
      return unlessDone(await walker.list(chunk, depth, visit));
    }
    if (chunk.id !== 'avih' || header) return undefined;
    if (chunk.size < 40) return invalidAt(chunk.start, `avih at ${chunk.start} is ${chunk.size} bytes, too small for a main header`);
    const avih = await reader.bytes(chunk.data, 40);
    if (avih === null) return OUT_OF_DATA;
    header = true;
    const width = avih.readUInt32LE(32);
    const height = avih.readUInt32LE(36);
    if (width > 0 && height > 0) dimensions = { width, height };
    return undefined;
  };
  let stop: WalkStop = await walkForm(walker, form, visit);
  for (let forms = 1; stop.kind === 'done'; forms++) {
    const next = await readForm(walker, stop.end);
    if (next === null || next.form !== 'AVIX') break;
    if (forms > MAX_AVIX_FORMS) {
      stop = invalidAt(stop.end, `more than ${MAX_AVIX_FORMS} AVIX forms`);
      break;
    }
    stop = await walkForm(walker, next, visit);
  }
  if (!header && stop.kind === 'invalid') return null;
  if (stop.kind === 'done' && !movi) return matchFromStop(reader, start, invalidAt(stop.end, 'no movi list (no frames) in the file'), '', { dimensions });
  return matchFromStop(reader, start, stop, 'the end its RIFF size gives', { dimensions });
}
