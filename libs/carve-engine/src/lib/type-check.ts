// The core entry: the same detectors on a buffer, without the node entry's stream and file readers.
import { fileTypeFromBuffer, supportedMimeTypes } from 'file-type/core';
import type { FileKind } from './types.js';

/** A second opinion on the type from file-type's detectors; a disagreement is a reason, not a verdict. */
export async function crossCheckType(head: Buffer, format: Pick<FileKind, 'mimeType'>): Promise<string | undefined> {
  try {
    const detected = await fileTypeFromBuffer(head);
    // A kind file-type has no detector for (CRW, MRW, X3F…) gets no second opinion, only a contrary one.
    if (!detected) return (supportedMimeTypes as ReadonlySet<string>).has(format.mimeType) ? `file-type does not recognise the start of the file (expected ${format.mimeType})` : undefined;
    if (detected.mime !== format.mimeType) return `file-type detects ${detected.mime}, expected ${format.mimeType}`;
    return undefined;
  } catch (error) {
    return `file-type failed: ${error instanceof Error ? error.message : String(error)}`;
  }
}
