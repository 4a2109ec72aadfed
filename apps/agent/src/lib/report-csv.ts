import type { RecoveryReport } from '@afterimage/contracts';

const COLUMNS = ['path', 'name', 'original_path', 'format', 'size', 'sha256', 'origin', 'found_by', 'state', 'confidence', 'taken_at', 'camera', 'modified_at', 'deleted_at', 'source_offset', 'source_file', 'trashed_by', 'purge_at', 'live_photo_pair'] as const;

/** RFC 4180 quoting; a leading =, +, - or @ is prefixed with ' so a spreadsheet shows it as text. */
function cell(value: string | number | undefined): string {
  if (value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** report.csv: what went where, one row per recovered file, for people who open it in a spreadsheet. */
export function reportCsv(report: RecoveryReport): string {
  const rows = report.files.map((f) => [
    f.path,
    f.name,
    f.originalPath,
    f.format,
    f.size,
    f.sha256,
    f.origin,
    f.foundBy,
    f.validation.state,
    f.confidence,
    f.metadata.takenAt,
    [f.metadata.make, f.metadata.model].filter(Boolean).join(' ') || undefined,
    f.times?.modifiedAt,
    f.times?.deletedAt,
    // A folder source's finding is a whole file: its offset says nothing, the file does.
    f.file ? undefined : f.byteRuns[0]?.offset,
    f.file?.path,
    f.trash?.by,
    f.trash?.purgeAt,
    f.livePhotoPair,
  ]);
  return [COLUMNS.join(','), ...rows.map((r) => r.map(cell).join(','))].join('\r\n') + '\r\n';
}
