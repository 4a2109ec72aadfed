import type { Finding } from '@afterimage/contracts';

/**
 * Findings on their way to the store: written in batches (one transaction for up to `maxSize`, or
 * whatever came within `maxDelayMs`), and only then handed on — a subscriber never hears of a
 * finding the store does not hold. `flush()` before a checkpoint is stored and before the scan ends.
 */
export class FindingBatch {
  private pending: Finding[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(
    /** Stores a batch; returns the findings that were new. */
    private readonly store: (batch: Finding[]) => Finding[],
    private readonly publish: (finding: Finding) => void,
    private readonly maxSize = 64,
    private readonly maxDelayMs = 100,
  ) {}

  add(finding: Finding): void {
    this.pending.push(finding);
    if (this.pending.length >= this.maxSize) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), this.maxDelayMs);
  }

  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    for (const finding of this.store(batch)) this.publish(finding);
  }
}
