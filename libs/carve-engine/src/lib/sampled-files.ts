import { ChunkReader } from './chunk-reader.js';
import type { SampledFiles } from './detect-alignment.js';
import { describeCarvedFile } from './describe-file.js';
import { CarveError, throwIfAborted } from './errors.js';
import { rethrowAbort, type ScanEvent, type ScanSettings } from './scan-settings.js';

/**
 * The files the block size detection's sample found (matched, not yet hashed), described and handed
 * on as the scan's own, then `settled` where the sample stopped looking, then the scan from there.
 * Each file's first chunk is read into a reused buffer, as the scan reads its chunks, so its head and
 * hash come from memory without a fresh buffer per read. A file that cannot be described now (its
 * bytes no longer read) goes to onError and is left out.
 */
export async function* withSampledFiles(settings: ScanSettings, sampled: SampledFiles, scan: AsyncIterable<ScanEvent>): AsyncGenerator<ScanEvent, void, undefined> {
  const { source, signal } = settings;
  // The scan's chunk size: the buffers go back to the thread's spares for the scan after it.
  const reader = new ChunkReader(source, settings.chunkSize + settings.index.span - 1);
  const view = reader.sourceView(source);
  try {
    for (const { format, start, match } of sampled.found) {
      throwIfAborted(signal);
      let file;
      try {
        await reader.read(start, Math.min(settings.chunkSize, match.length));
        file = await describeCarvedFile(view, format, start, match, signal);
      } catch (error) {
        rethrowAbort(error, signal);
        settings.onError?.(new CarveError(`${source.label}: ${format.id} file at ${start} could not be described`, { cause: error }));
        continue;
      }
      yield { type: 'file', file };
    }
  } finally {
    await reader.settle();
  }
  yield { type: 'settled', position: sampled.settledAt };
  yield* scan;
}
