import type { ScanProgress } from '@afterimage/contracts';

export interface ScanStats {
  /** 0–100, whole. */
  percent: number;
  bytesDone: number;
  bytesTotal: number;
  /** A folder source's scan counts files (and its percent follows them); undefined for a disk. */
  files: { done: number; total: number } | undefined;
  rate: number;
  /** Seconds left at the current rate; undefined until there is a rate to go by. */
  etaSeconds: number | undefined;
  /** Findings by format, most first. */
  byFormat: [string, number][];
  found: number;
}

/** What the progress panel shows, from the agent's progress event. */
export function scanStats(progress: ScanProgress | undefined, finished: boolean): ScanStats {
  const bytesTotal = progress?.bytesTotal ?? 0;
  const bytesDone = Math.min(progress?.bytesDone ?? 0, bytesTotal || Infinity);
  const rate = progress?.rateBytesPerSecond ?? 0;
  const files = progress?.filesTotal !== undefined ? { total: progress.filesTotal, done: Math.min(progress.filesDone ?? 0, progress.filesTotal) } : undefined;
  const [done, total] = files ? [files.done, files.total] : [bytesDone, bytesTotal];
  const percent = finished ? 100 : total > 0 ? Math.min(100, Math.floor((done / total) * 100)) : 0;
  const left = Math.max(0, bytesTotal - bytesDone);
  const etaSeconds = !finished && rate > 0 && bytesDone > 0 ? left / rate : undefined;
  const byFormat = Object.entries(progress?.findingsByFormat ?? {}).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const found = byFormat.reduce((sum, [, n]) => sum + n, 0);
  return { percent, bytesDone, bytesTotal, files, rate, etaSeconds, byFormat, found };
}
