import { BoundedReader } from '../bounded-reader.js';
import type { CarveSource } from '../byte-source.js';
import type { FormatMatch } from '../types.js';
import { addCodestreamBox, MAX_JXL_BOXES, readBox, TRAILING_BOX_TYPES, type CodestreamParts } from './jxl-boxes.js';
import type { ConcatSource as Concat } from './shared/concat-source.js';
import type { CodestreamEnd } from './jxl-codestream.js';
import { walkCodestream } from './jxl-codestream.js';
import { ConcatSource } from './shared/concat-source.js';
import { completeMatch, corruptMatch, outOfBytes, type MatchExtras } from './shared/match-result.js';

/** Signature box (12 bytes) and a file type box whose major brand is 'jxl '. */
export const JXL_CONTAINER_HEAD = 12 + 12;

/**
 * Walks a JPEG XL container (ISO/IEC 18181-2) from its signature box at `start`, box by box. Once the
 * codestream is whole (a jxlc box, or the jxlp box flagged last) the file ends at the first bytes that
 * are not a JPEG XL box, or at the source's end. The codestream is then walked across its boxes: that
 * gives the pixel size, checks it, and finds the end of a last box whose size is 0 ("to the end"). A
 * jxll box declaring level 10 lifts the level-5 limits the codestream is otherwise held to.
 */
export async function walkContainer(source: CarveSource, reader: BoundedReader, start: number): Promise<FormatMatch | null> {
  const head = await reader.bytes(start, JXL_CONTAINER_HEAD);
  if (head === null || head.readUInt32BE(12) < 16 || head.toString('latin1', 16, 24) !== 'ftypjxl ') return null;
  const parts: CodestreamParts = { runs: [], level5: true, complete: false, nextIndex: 0 };
  const at = (pos: number): number => pos - start;
  let pos = start + 12;
  for (let boxes = 0; ; boxes++) {
    if (boxes >= MAX_JXL_BOXES) return corruptMatch(at(pos), `more than ${MAX_JXL_BOXES} boxes`);
    const box = await readBox(reader, pos, start);
    if (parts.complete && (box === null || typeof box === 'string' || !TRAILING_BOX_TYPES.has(box.type))) {
      return checkCodestream(source, reader, start, pos, parts);
    }
    if (box === null) return outOfBytes(reader, start, 'the end of its codestream', await sizeOf(source, reader, parts));
    if (typeof box === 'string') return corruptMatch(at(pos), box, await sizeOf(source, reader, parts));
    const isCodestream = box.type === 'jxlc' || box.type === 'jxlp';
    if (box.end === undefined && !isCodestream) return corruptMatch(at(pos), `the ${box.type} box at offset ${at(pos)} runs to the end of the file, which a carved file cannot tell`);
    const end = box.end ?? reader.end;
    if (box.type === 'jxll') parts.level5 = ((await reader.byte(box.data)) & 0xff) < 10;
    if (isCodestream) {
      const problem = await addCodestreamBox(reader, box, end, parts, start);
      if (problem) return corruptMatch(at(pos), problem, await sizeOf(source, reader, parts));
      if (box.end === undefined) return openEndedCodestream(source, reader, start, parts);
    }
    if (end > reader.end) return outOfBytes(reader, start, `the end of its ${box.type} box at offset ${at(pos)}`, await sizeOf(source, reader, parts));
    pos = end;
  }
}

/** The boxes end at `end`: the codestream in them must be whole and sound. */
async function checkCodestream(source: CarveSource, reader: BoundedReader, start: number, end: number, parts: CodestreamParts): Promise<FormatMatch> {
  const { walk, concat } = await walkParts(source, reader, parts);
  const extras: MatchExtras = walk?.info ? { dimensions: { width: walk.info.width, height: walk.info.height } } : {};
  if (walk?.kind === 'complete') return completeMatch(end - start, extras);
  if (walk === null) return corruptMatch(concat.fileOffset(0) - start, 'the codestream headers are invalid');
  if (walk.kind === 'invalid') return corruptMatch(concat.fileOffset(walk.at) - start, `codestream ${walk.reason}`, extras);
  return corruptMatch(end - start, 'the codestream ends inside its boxes, before its last frame', extras);
}

/** A last jxlc/jxlp box of size 0 runs "to the end of the file": the codestream's own end is the file's. */
async function openEndedCodestream(source: CarveSource, reader: BoundedReader, start: number, parts: CodestreamParts): Promise<FormatMatch> {
  const { walk, concat } = await walkParts(source, reader, parts);
  const extras: MatchExtras = walk?.info ? { dimensions: { width: walk.info.width, height: walk.info.height } } : {};
  if (walk?.kind === 'complete') return completeMatch(concat.fileOffset(walk.end) - start, extras);
  if (walk === null) return corruptMatch(concat.fileOffset(0) - start, 'the codestream headers are invalid');
  if (walk.kind === 'invalid') return corruptMatch(concat.fileOffset(walk.at) - start, `codestream ${walk.reason}`, extras);
  return outOfBytes(reader, start, 'the end of its codestream', extras);
}

async function walkParts(source: CarveSource, reader: BoundedReader, parts: CodestreamParts): Promise<{ walk: CodestreamEnd | null; concat: Concat }> {
  const runs = parts.runs.map((run) => ({ offset: run.offset, length: Math.max(0, Math.min(run.length, reader.end - run.offset)) }));
  const concat = new ConcatSource(source, runs);
  const first = await concat.read(0, 2);
  if (first.length < 2 || first[0] !== 0xff || first[1] !== 0x0a) return { walk: null, concat };
  return { walk: await walkCodestream(new BoundedReader(concat, 0, concat.size), 0, parts.level5), concat };
}

/** The pixel size, when the codestream read so far has whole headers. */
async function sizeOf(source: CarveSource, reader: BoundedReader, parts: CodestreamParts): Promise<MatchExtras> {
  if (parts.runs.length === 0) return {};
  const { walk } = await walkParts(source, reader, parts);
  return walk?.info ? { dimensions: { width: walk.info.width, height: walk.info.height } } : {};
}
