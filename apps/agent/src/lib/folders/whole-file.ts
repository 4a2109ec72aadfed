import type { Finding, Validation } from '@afterimage/contracts';
import { formatFor, HEAD_BYTES, readMetadata, sha256OfRuns, type CarveFormat, type FileKind, type FormatMatch } from '@afterimage/carve-engine';
import type { ByteSource } from '@afterimage/fs-parsers';

/** What a whole file says about itself: its type, hash, soundness and metadata. */
export type WholeFile = Pick<Finding, 'format' | 'extension' | 'mimeType' | 'byteRuns' | 'size' | 'sha256' | 'validation' | 'confidence' | 'metadata' | 'hasThumbnail'>;

export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot <= 0 ? '' : name.slice(dot + 1).toLowerCase();
}

const kindOf = (format: CarveFormat): FileKind => ({ id: format.id, extension: format.extensions[0] ?? format.id, mimeType: format.mimeType });

const isAbort = (error: unknown) => error instanceof Error && error.name === 'AbortError';

interface Structure {
  kind: FileKind;
  validation: Validation;
  dimensions?: FormatMatch['dimensions'];
}

/** The carve engine's own check of the format the name promises, over the whole file (bounded by the format's limit). */
async function checkStructure(bytes: ByteSource, extension: string, signal?: AbortSignal): Promise<Structure> {
  const format = extension ? formatFor(extension) : undefined;
  if (!format) {
    const kind = { id: extension || 'unknown', extension, mimeType: 'application/octet-stream' };
    return { kind, validation: { state: 'complete', reasons: [`Afterimage has no structure check for .${extension} files: the file is copied as it is`] } };
  }
  try {
    const match = await format.match(bytes, 0, { maxSize: Math.min(bytes.size, format.maxSize), ...(signal ? { signal } : {}) });
    if (!match) return { kind: kindOf(format), validation: { state: 'corrupt', reasons: [`no ${format.id} structure at its start, although its name ends in .${extension}`] } };
    const reasons = [...match.validation.reasons];
    if (match.length < bytes.size) reasons.push(`${bytes.size - match.length} bytes follow the end of the ${format.id} data (kept: the whole file is copied)`);
    return { kind: match.kind ?? kindOf(format), validation: { state: match.validation.state, reasons }, ...(match.dimensions ? { dimensions: match.dimensions } : {}) };
  } catch (error) {
    if (isAbort(error) || signal?.aborted) throw error;
    return { kind: kindOf(format), validation: { state: 'corrupt', reasons: [`its ${format.id} structure could not be checked: ${(error as Error).message}`] } };
  }
}

/**
 * A file of a folder source, described as a finding: the bytes are the whole file (one run from 0),
 * its sha256, the format its name says checked by the carve engine's validator, EXIF metadata from
 * its head. High confidence when the structure is complete (the folder's own catalogue names the
 * file and its size), low otherwise.
 */
export async function describeWholeFile(bytes: ByteSource, name: string, signal?: AbortSignal): Promise<WholeFile> {
  const byteRuns = [{ offset: 0, length: bytes.size }];
  const { kind, validation, dimensions } = await checkStructure(bytes, extensionOf(name), signal);
  const head = await bytes.read(0, Math.min(HEAD_BYTES, bytes.size));
  const { metadata, hasThumbnail, reasons } = await readMetadata(head);
  return {
    format: kind.id,
    extension: kind.extension,
    mimeType: kind.mimeType,
    byteRuns,
    size: bytes.size,
    sha256: await sha256OfRuns(bytes, byteRuns, signal),
    validation: { state: validation.state, reasons: [...validation.reasons, ...reasons] },
    confidence: validation.state === 'complete' ? 'high' : 'low',
    metadata: dimensions ? { ...metadata, width: dimensions.width, height: dimensions.height } : metadata,
    hasThumbnail,
  };
}
