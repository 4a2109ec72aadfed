import type { ScanReport } from './protocol.js';

/**
 * A scan's reports on their way to the agent's main thread, in order, several per message: one
 * postMessage per finding or per chunk's progress would cost the main thread more than the report
 * itself. A batch goes when `maxSize` reports wait or `maxDelayMs` after the first, or on flush().
 * Progress told twice in a row keeps only the later one (the main thread keeps only the latest too).
 */
export class Outbox {
  private reports: ScanReport[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly send: (reports: ScanReport[]) => void,
    private readonly maxSize = 256,
    private readonly maxDelayMs = 5,
  ) {}

  push(report: ScanReport): void {
    const last = this.reports.length - 1;
    if (report.type === 'progress' && this.reports[last]?.type === 'progress') this.reports[last] = report;
    else this.reports.push(report);
    if (this.reports.length >= this.maxSize) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), this.maxDelayMs);
  }

  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.reports.length === 0) return;
    const batch = this.reports;
    this.reports = [];
    this.send(batch);
  }
}
