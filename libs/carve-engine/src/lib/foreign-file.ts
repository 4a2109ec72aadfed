import { ChunkCandidates } from './candidates.js';
import { throwIfAborted } from './errors.js';
import type { CandidateMatch, ScanSettings } from './scan-settings.js';
import type { FormatMatch } from './types.js';

/** Payload bytes read per step while looking for a foreign file. */
const PROBE_CHUNK = 4 * 1024 * 1024;

/**
 * Where a complete file of any format starts strictly inside the payload ranges (raw sensor data and
 * the like, which the outer format cannot verify), if anywhere. A candidate at a range's very start
 * is a part the outer file references (a lossless-JPEG strip) and does not count.
 */
async function firstForeignFile(settings: ScanSettings, found: CandidateMatch): Promise<{ at: number; kind: string } | undefined> {
  const { source, index, alignment, signal } = settings;
  const fileEnd = found.start + found.match.length;
  for (const range of found.match.payload ?? []) {
    const end = Math.min(range.offset + range.length, fileEnd, source.size);
    for (let pos = range.offset + 1; pos < end; pos += PROBE_CHUNK) {
      throwIfAborted(signal);
      const scanEnd = Math.min(pos + PROBE_CHUNK, end);
      const chunk = await source.read(pos, scanEnd - pos + index.span - 1);
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
