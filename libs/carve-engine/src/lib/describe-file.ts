import type { CarveSource } from './byte-source.js';
import { HEAD_BYTES, readMetadata } from './metadata.js';
import { readHead, sha256OfRuns } from './read-runs.js';
import { crossCheckType } from './type-check.js';
import type { ByteRun, CarvedFile, CarveFormat, FormatMatch } from './types.js';

/** Turns a format's match into a carved file: hash, metadata from the head, a type cross-check. */
export async function describeCarvedFile(source: CarveSource, format: CarveFormat, offset: number, match: FormatMatch, signal?: AbortSignal): Promise<CarvedFile> {
  const byteRuns: ByteRun[] = [{ offset, length: match.length }];
  const sha256 = await sha256OfRuns(source, byteRuns, signal);
  const head = await readHead(source, byteRuns, HEAD_BYTES, signal);
  const { metadata, hasThumbnail, reasons } = await readMetadata(head);
  const kind = match.kind ?? { id: format.id, extension: format.extensions[0] ?? format.id, mimeType: format.mimeType };
  const typeReason = await crossCheckType(head, kind);
  return {
    format: kind.id,
    extension: kind.extension,
    mimeType: kind.mimeType,
    byteRuns,
    size: match.length,
    sha256,
    validation: {
      state: match.validation.state,
      reasons: [...match.validation.reasons, ...reasons, ...(typeReason ? [typeReason] : [])],
    },
    // The frame's own size beats the EXIF copy (which editors and thumbnails leave stale).
    metadata: match.dimensions ? { ...metadata, width: match.dimensions.width, height: match.dimensions.height } : metadata,
    hasThumbnail,
  };
}
