import type { ScanProgress } from '@afterimage/contracts';

const MB = 1024 * 1024;

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * MB) return `${(bytes / (1024 * MB)).toFixed(1)} GB`;
  if (bytes >= MB) return `${(bytes / MB).toFixed(1)} MB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${bytes} B`;
}

/** One line that redraws itself on a terminal: a bar, the rate, and what was found so far. */
export function progressLine(progress: ScanProgress, width = 28): string {
  const fraction = progress.bytesTotal > 0 ? Math.min(progress.bytesDone / progress.bytesTotal, 1) : 0;
  const filled = Math.round(fraction * width);
  const found = Object.entries(progress.findingsByFormat)
    .map(([format, count]) => `${count} ${format}`)
    .join(', ');
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(fraction * 100).toFixed(0).padStart(3)}%  ${formatBytes(progress.rateBytesPerSecond)}/s  ${found || 'nothing found yet'}`;
}

export class TerminalProgress {
  private drawn = false;
  constructor(private readonly stream: NodeJS.WriteStream) {}

  get enabled(): boolean {
    return Boolean(this.stream.isTTY);
  }

  update(progress: ScanProgress): void {
    if (!this.enabled) return;
    this.stream.write(`\r${progressLine(progress).padEnd(this.stream.columns ? this.stream.columns - 1 : 79)}`);
    this.drawn = true;
  }

  done(): void {
    if (this.drawn) this.stream.write('\n');
    this.drawn = false;
  }
}
