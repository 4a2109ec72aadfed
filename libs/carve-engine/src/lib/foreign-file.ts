import { ChunkCandidates } from './candidates.js';
import { throwIfAborted } from './errors.js';
import type { CandidateMatch, ScanSettings } from './scan-settings.js';
import type { FormatMatch } from './types.js';

/** Payload bytes read per step while looking for a foreign file. */
const PROBE_CHUNK = 1024 * 1024;

/**
 * Probe buffers given back after each look (one per concurrent look on this thread): a RAW's payload
 * read into fresh buffers was megabytes of garbage per file that the heap frees only at its next
 * collection, which shows as max RSS.
 */
const probeBuffers: Buffer[] = [];
const MAX_PROBE_BUFFERS = 2;

/**
 * Where a complete file of any format starts strictly inside the payload ranges (raw sensor data and
 * the like, which the outer format cannot verify), if anywhere. A candidate at a range's very start
 * is a part the outer file references (a lossless-JPEG strip) and does not count.
 */
async function firstForeignFile(settings: ScanSettings, found: CandidateMatch): Promise<{ at: number; kind: string } | undefined> {
  const { source, index } = settings;
  const fileEnd = found.start + found.match.length;
  const size = PROBE_CHUNK + index.span - 1;
  if (!source.readInto) return probe(settings, found, fileEnd, undefined);
  const at = probeBuffers.findIndex((b) => b.length === size);
  const buffer = at === -1 ? Buffer.allocUnsafe(size) : probeBuffers.splice(at, 1)[0];
  try {
    return await probe(settings, found, fileEnd, buffer);
  } finally {
    if (buffer && probeBuffers.length < MAX_PROBE_BUFFERS) probeBuffers.push(buffer);
  }
}

/** The look itself, reading each step into `buffer` when given (valid until the next step). */
async function probe(settings: ScanSettings, found: CandidateMatch, fileEnd: number, buffer: Buffer | undefined): Promise<{ at: number; kind: string } | undefined> {
  const { source, index, alignment, signal } = settings;
  for (const range of found.match.payload ?? []) {
    const end = Math.min(range.offset + range.length, fileEnd, source.size);
    for (let pos = range.offset + 1; pos < end; pos += PROBE_CHUNK) {
      throwIfAborted(signal);
      const scanEnd = Math.min(pos + PROBE_CHUNK, end);
      const wanted = Math.min(scanEnd - pos + index.span - 1, source.size - pos);
      const chunk = buffer && source.readInto ? buffer.subarray(0, await source.readInto(buffer.subarray(0, wanted), pos)) : await source.read(pos, wanted);
      const candidates = new ChunkCandidates(index, chunk, pos, alignment);
      for (let candidate = candidates.next(pos, scanEnd); candidate; candidate = candidates.next(candidate.start + 1, scanEnd)) {
        const head = chunk.subarray(candidate.start - pos);
        for (const format of candidate.formats) {
          if (!format.checkHeader(head.subarray(0, format.headerBytes))) continue;
          const maxSize = Math.min(format.maxSize, settings.maxFileSize ?? Infinity, source.size - candidate.start);
          const inner = await format.match(source, candidate.start, { maxSize, signal }).catch(() => null);
          if (inner && inner.length > 0 && inner.validation.state === 'complete') return { at: candidate.start, kind: inner.kind?.id ?? format.id };
        }
      }
    }
  }
  return undefined;
}

/**
 * A file whose structure claims bytes it cannot verify (a stripped RAW whose strip offsets point 20 MB
 * ahead) must not hide the files behind it: when a complete file starts inside that payload, the outer
 * file is cut there and marked corrupt, and the scan goes on from the inner file.
 */
export async function cutAtForeignFile(settings: ScanSettings, found: CandidateMatch): Promise<CandidateMatch> {
  if (!found.match.payload?.length) return found;
  const foreign = await firstForeignFile(settings, found);
  const { payload: _payload, ...match } = found.match;
  if (!foreign) return { ...found, match };
  const cut: FormatMatch = {
    ...match,
    length: foreign.at - found.start,
    validation: {
      state: 'corrupt',
      reasons: [...match.validation.reasons, `a complete ${foreign.kind} file starts at byte ${foreign.at - found.start}, inside the data this file claims: cut there`],
    },
  };
  return { ...found, match: cut };
}
