import type { Confidence, Finding, FoundBy, Origin, ValidationState } from '@afterimage/contracts';

/** The words the dashboard uses for the agent's enums, with a sentence for tooltips and filters. */
export const STATE_LABEL: Record<ValidationState, string> = { complete: 'Complete', truncated: 'Partial', corrupt: 'Damaged' };
export const STATE_HINT: Record<ValidationState, string> = {
  complete: 'The whole file is there and its structure checks out.',
  truncated: 'The file ends early: part of it is missing.',
  corrupt: 'The structure breaks somewhere: part of the picture may be wrong.',
};

export const ORIGIN_LABEL: Record<Origin, string> = { deleted: 'Deleted', live: 'Still on the card', lost: 'Lost (no name)' };
/** For the grid's small badges. */
export const ORIGIN_SHORT: Record<Origin, string> = { deleted: 'Deleted', live: 'On card', lost: 'No name' };
export const ORIGIN_HINT: Record<Origin, string> = {
  deleted: 'A deleted file: the filesystem still remembered it.',
  live: 'A file that was never deleted.',
  lost: 'Found by its content where no filesystem knows of it.',
};

/**
 * The origin in words that fit the source: a phone backup's photo that was never deleted is "in the
 * backup", not "on the card" (a folder finding names its file).
 */
export function originWords(finding: Pick<Finding, 'origin' | 'file'>): { short: string; label: string; hint: string } {
  if (finding.file && finding.origin === 'live') return { short: 'Not deleted', label: 'Not deleted (in the backup)', hint: 'It was still in the camera roll when the backup was made.' };
  return { short: ORIGIN_SHORT[finding.origin], label: ORIGIN_LABEL[finding.origin], hint: ORIGIN_HINT[finding.origin] };
}

export const FOUND_BY_LABEL: Record<FoundBy, string> = { filesystem: 'Filesystem entry', carving: 'Carved from content', both: 'Entry and content agree' };

export const CONFIDENCE_LABEL: Record<Confidence, string> = { high: 'High', medium: 'Medium', low: 'Low' };
export const CONFIDENCE_HINT: Record<Confidence, string> = {
  high: 'The filesystem’s own map of the file, and a complete structure.',
  medium: 'A complete structure, from a guess at where a deleted file lay or from its content alone.',
  low: 'Partial or damaged: it may not open, or only in part.',
};

/** "JPEG", "CR2", "MP4". */
export function formatLabel(format: string): string {
  return format.toUpperCase();
}

export function isVideo(finding: Pick<Finding, 'mimeType'>): boolean {
  return finding.mimeType.startsWith('video/');
}
