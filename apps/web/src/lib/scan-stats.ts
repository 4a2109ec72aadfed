import type { ScanProgress } from '@afterimage/contracts';

export interface ScanStats {
  /** 0–100, whole. */
  percent: number;
  bytesDone: number;
  bytesTotal: number;
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
  const percent = finished ? 100 : bytesTotal > 0 ? Math.min(100, Math.floor((bytesDone / bytesTotal) * 100)) : 0;
  const left = Math.max(0, bytesTotal - bytesDone);
  const etaSeconds = !finished && rate > 0 && bytesDone > 0 ? left / rate : undefined;
  const byFormat = Object.entries(progress?.findingsByFormat ?? {}).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const found = byFormat.reduce((sum, [, n]) => sum + n, 0);
  return { percent, bytesDone, bytesTotal, rate, etaSeconds, byFormat, found };
}
