import type { CarveSource } from './byte-source.js';
import { sha256OfRuns } from './read-runs.js';
import { fileEnd, fileStart, type ScanEvent } from './scan-settings.js';
import type { ByteRun, CarvedFile, CarveFormat } from './types.js';

export interface KeepCorruptSettings {
  readonly source: CarveSource;
  /** The scanned ranges, sorted and disjoint. */
  readonly ranges: readonly ByteRun[];
  /** The format that carved a finding (by its kind or extension). */
  formatOf(file: CarvedFile): CarveFormat | undefined;
  readonly maxFileSize?: number;
  readonly signal?: AbortSignal;
}

interface Pending {
  readonly file: CarvedFile;
  /** The farthest the kept rest may reach, and what sets it. */
  readonly limit: number;
  readonly limitReason: string;
}

/**
 * `keepCorrupt`: a corrupt finding keeps the bytes after its last valid point, up to whichever comes
 * first: the start of the next file found, the end of the scanned range it starts in, the format's
 * size limit (and maxFileSize), the end of the source. Its sha256 and size cover the kept bytes, its
 * state stays corrupt and a reason says how much was kept. A finding is held back until the next
 * file (or the limit) is known, so `settled` positions stop at its start meanwhile.
 */
export async function* keepCorruptRest(events: AsyncIterable<ScanEvent>, settings: KeepCorruptSettings): AsyncGenerator<ScanEvent, void, undefined> {
  let pending: Pending | undefined;
  for await (const event of events) {
    if (event.type === 'file') {
      if (pending) {
        const next = fileStart(event.file);
        const file = next < pending.limit ? await keepRest(pending, next, 'the next file found', settings) : await keepRest(pending, pending.limit, pending.limitReason, settings);
        yield { type: 'file', file };
      }
      pending = event.file.validation.state === 'corrupt' ? limitOf(event.file, settings) : undefined;
      if (!pending) yield event;
    } else if (event.type === 'settled' && pending) {
      if (event.position >= pending.limit) {
        yield { type: 'file', file: await keepRest(pending, pending.limit, pending.limitReason, settings) };
        pending = undefined;
        yield event;
      } else {
        yield { type: 'settled', position: Math.min(event.position, fileStart(pending.file)) };
      }
    } else {
      yield event;
    }
  }
  if (pending) yield { type: 'file', file: await keepRest(pending, pending.limit, pending.limitReason, settings) };
}

function limitOf(file: CarvedFile, settings: KeepCorruptSettings): Pending | undefined {
  const start = fileStart(file);
  const format = settings.formatOf(file);
  const range = settings.ranges.find((r) => r.offset <= start && start < r.offset + r.length);
  const bounds: [number, string][] = [[settings.source.size, 'the end of the source']];
  if (range) bounds.push([range.offset + range.length, 'the end of the scanned range']);
  if (format) bounds.push([start + format.maxSize, `the ${format.id} size limit`]);
  if (settings.maxFileSize !== undefined) bounds.push([start + settings.maxFileSize, 'maxFileSize']);
  const [limit, limitReason] = bounds.reduce((a, b) => (b[0] < a[0] ? b : a));
  // Nothing to keep when the valid part already reaches the limit (a file cut by the size limit).
  return limit > fileEnd(file) ? { file, limit, limitReason } : undefined;
}

async function keepRest({ file }: Pending, bound: number, reason: string, settings: KeepCorruptSettings): Promise<CarvedFile> {
  const start = fileStart(file);
  const kept = bound - fileEnd(file);
  if (kept <= 0) return file;
  const byteRuns = [{ offset: start, length: bound - start }];
  return {
    ...file,
    byteRuns,
    size: bound - start,
    sha256: await sha256OfRuns(settings.source, byteRuns, settings.signal),
    validation: { state: file.validation.state, reasons: [...file.validation.reasons, `kept ${kept} bytes after the last valid point, up to ${reason} (keepCorrupt)`] },
  };
}
