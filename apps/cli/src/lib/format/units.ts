const KB = 1024;
const MB = KB * 1024;
const GB = MB * 1024;
const TB = GB * 1024;

/** Bytes as a person reads them (binary units, one decimal from MB up). */
export function formatBytes(bytes: number): string {
  if (bytes >= TB) return `${(bytes / TB).toFixed(1)} TB`;
  if (bytes >= GB) return `${(bytes / GB).toFixed(1)} GB`;
  if (bytes >= MB) return `${(bytes / MB).toFixed(1)} MB`;
  if (bytes >= KB) return `${(bytes / KB).toFixed(0)} KB`;
  return `${bytes} B`;
}

export function formatRate(bytesPerSecond: number): string {
  return `${formatBytes(bytesPerSecond)}/s`;
}

/** 0:07, 12:03, 1:02:09. */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '?';
  const s = Math.round(seconds);
  const hh = Math.floor(s / 3600);
  const mm = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return hh > 0 ? `${hh}:${String(mm).padStart(2, '0')}:${ss}` : `${mm}:${ss}`;
}

/** `[#####.....]  50%`: a bar of `width` cells for a fraction from 0 to 1. */
export function formatBar(fraction: number, width = 20): string {
  const filled = Math.round(fraction * width);
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(fraction * 100).toFixed(0).padStart(3)}%`;
}

export function formatPercent(done: number, total: number): string {
  if (total <= 0) return '  ?%';
  return `${Math.floor(Math.min(done / total, 1) * 100)}%`.padStart(4);
}

/** An ISO time shown as `YYYY-MM-DD HH:MM` in local time; an EXIF time (no zone) is shown as written. */
export function formatTime(iso: string | undefined): string {
  if (!iso) return '';
  if (!/(Z|[+-]\d\d:?\d\d)$/.test(iso)) return iso.replace('T', ' ').slice(0, 16);
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

const SIZE = /^(\d+(?:\.\d+)?)\s*(b|k|kb|m|mb|g|gb|t|tb)?$/i;
const FACTORS: Record<string, number> = { b: 1, k: KB, kb: KB, m: MB, mb: MB, g: GB, gb: GB, t: TB, tb: TB };

/** `2000`, `500K`, `1.5MB`, `2G` as bytes; undefined when it is none of those. */
export function parseSize(text: string): number | undefined {
  const match = SIZE.exec(text.trim());
  if (!match) return undefined;
  const bytes = Math.round(Number(match[1]) * (FACTORS[(match[2] ?? 'b').toLowerCase()] ?? 1));
  return Number.isSafeInteger(bytes) ? bytes : undefined;
}
