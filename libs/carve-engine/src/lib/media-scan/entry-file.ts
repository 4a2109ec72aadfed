import type { ByteSource } from '@afterimage/fs-parsers';
import { ConcatSource } from '../formats/shared/concat-source.js';
import { HEAD_BYTES, readMetadata } from '../metadata.js';
import { sha256OfRuns } from '../read-runs.js';
import type { ByteRun, CarvedFile, CarveFormat, FileKind, FormatMatch } from '../types.js';
import type { DeletedSpaceGuess } from './cluster-guess.js';
import { totalLength } from './ranges.js';
import type { SourceEntry } from './volume-files.js';

/** One guess at where a file's bytes are, and how it was made. */
interface Candidate {
  readonly runs: ByteRun[];
  readonly how: string;
  /** The filesystem's own map of the file (a live chain), not a guess. */
  readonly mapped: boolean;
}

/** A file read through its entry; `mapped` when its runs are the filesystem's own map, not a guess. */
export type EntryFile = CarvedFile & { readonly mapped: boolean };

const sameRuns = (a: readonly ByteRun[], b: readonly ByteRun[]) => a.length === b.length && a.every((r, i) => r.offset === b[i]?.offset && r.length === b[i]?.length);

/**
 * Where a file's bytes may be, most likely first. A live file's chain is a fact. A deleted file's
 * clusters are a guess: the filesystem's own (free clusters from the start one, skipping used ones,
 * as The Sleuth Kit does); the same skipping the clusters other deleted files began in as well (a
 * neighbour deleted later); and the plain contiguous run from the start. Made lazily: most files
 * validate with the first.
 */
function* candidates(entry: SourceEntry, guess?: DeletedSpaceGuess): Generator<Candidate> {
  const first = entry.absoluteRuns[0];
  if (!first || entry.size === 0) return;
  const tried: ByteRun[][] = [];
  const fresh = (runs: ByteRun[]) => !tried.some((t) => sameRuns(t, runs)) && (tried.push(runs), true);
  if (totalLength(entry.absoluteRuns) === entry.size && fresh(entry.absoluteRuns)) {
    const mapped = entry.confidence === 'chain';
    yield { runs: entry.absoluteRuns, how: mapped ? 'the allocation chain' : `a guess (${entry.confidence})`, mapped };
  }
  if (!entry.deleted || entry.confidence === 'chain') return;
  const skipping = guess?.runs(entry);
  if (skipping && fresh(skipping)) yield { runs: skipping, how: 'free clusters from the start, skipping those other deleted files began in', mapped: false };
  const straight = [{ offset: first.offset, length: entry.size }];
  if (first.offset + entry.size <= entry.volume.offset + entry.volume.length && fresh(straight)) yield { runs: straight, how: 'one contiguous run from the start cluster', mapped: false };
}

/** What the entry says about its own name and clusters, for the finding's reasons. */
function entryReasons(entry: SourceEntry, candidate: Candidate, rejected: string[]): string[] {
  const reasons = entry.inferredName ? entry.notes.filter((n) => n.includes('inferred')) : [];
  if (entry.confidence !== 'chain' || rejected.length > 0) {
    reasons.push(`clusters of the deleted entry taken from ${candidate.how}${rejected.length ? `, after ${rejected.join('; ')}` : ''}; the bytes were checked by the format's structure`);
  }
  return reasons;
}

const better = (a: FormatMatch, b: FormatMatch | undefined) => !b || (a.validation.state === 'complete' && b.validation.state !== 'complete') || a.length > b.length;

/**
 * A file as its filesystem entry describes it, validated by the format's own structure walk: the
 * first candidate whose bytes make a complete file wins, else the best one with its damage stated.
 * Null when no candidate holds this format at all (the entry's name promised something else).
 * `carved` is what the carve found at the same start, reused when the entry holds exactly those bytes.
 */
export async function fileThroughEntry(source: ByteSource, entry: SourceEntry, format: CarveFormat, carved?: CarvedFile, guess?: DeletedSpaceGuess): Promise<EntryFile | null> {
  const rejected: string[] = [];
  let best: { candidate: Candidate; match: FormatMatch; view: ConcatSource } | undefined;
  for (const candidate of candidates(entry, guess)) {
    const [only, ...more] = candidate.runs;
    if (carved && only && more.length === 0 && only.offset === carved.byteRuns[0]?.offset && entry.size === carved.size && carved.byteRuns.length === 1) {
      // The carve already walked and hashed exactly these bytes.
      const reasons = [...carved.validation.reasons, ...entryReasons(entry, candidate, rejected)];
      return { ...carved, byteRuns: candidate.runs, validation: { state: carved.validation.state, reasons }, mapped: candidate.mapped };
    }
    const view = new ConcatSource(source, candidate.runs);
    const match = await format.match(view, 0, { maxSize: view.size });
    if (match && better(match, best?.match)) best = { candidate, match, view };
    if (match?.validation.state === 'complete') break;
    rejected.push(`${candidate.how} gave ${match ? `a ${match.validation.state} file` : `no ${format.id} data`}`);
  }
  if (!best) return null;
  const { candidate, match, view } = best;
  const reasons = [...match.validation.reasons];
  if (match.length < entry.size) reasons.push(`${entry.size - match.length} bytes follow the end of the ${format.id} data (kept, as the filesystem recorded the file)`);
  reasons.push(...entryReasons(entry, candidate, rejected.filter((r) => !r.startsWith(candidate.how))));
  const { metadata, hasThumbnail } = carved ?? (await readMetadata(await view.read(0, Math.min(HEAD_BYTES, view.size))));
  const kind: FileKind =
    match.kind ?? (carved ? { id: carved.format, extension: carved.extension, mimeType: carved.mimeType } : { id: format.id, extension: format.extensions[0] ?? format.id, mimeType: format.mimeType });
  return {
    format: kind.id,
    extension: kind.extension,
    mimeType: kind.mimeType,
    byteRuns: candidate.runs,
    size: entry.size,
    sha256: await sha256OfRuns(source, candidate.runs),
    validation: { state: match.validation.state, reasons },
    metadata,
    hasThumbnail,
    mapped: candidate.mapped,
  };
}
