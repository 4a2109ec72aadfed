/** One event with the id a subscriber resumes after (SSE Last-Event-ID). */
export interface Numbered<E> {
  id: string;
  event: E;
}

/**
 * A job's events, numbered in order and kept, so a subscriber that connects late or reconnects
 * replays them from any id and then follows live ones until the job ends.
 */
export class EventLog<E> {
  private readonly log: Numbered<E>[] = [];
  private readonly waiters = new Set<() => void>();
  private closed = false;

  /**
   * `firstId`: the id of the first event (0 unless the log goes on from an earlier one — a job resumed
   * by a new agent — whose ids a client may still hold: an id below it replays this log from its start).
   */
  constructor(private readonly firstId = 0) {}

  push(event: E): void {
    this.log.push({ id: String(this.firstId + this.log.length), event });
    this.wake();
  }

  /** How many events were logged: the id the next one gets. */
  get length(): number {
    return this.log.length;
  }

  /** No more events will come: subscribers finish once they have read the last one. */
  close(): void {
    this.closed = true;
    this.wake();
  }

  /** Events after `lastEventId` (all when null), then live ones until the log closes or the signal aborts. */
  async *events(lastEventId: string | null | undefined, signal?: AbortSignal): AsyncGenerator<Numbered<E>> {
    let next = this.indexAfter(lastEventId);
    for (;;) {
      while (next < this.log.length) yield this.log[next++] as Numbered<E>;
      if (this.closed || signal?.aborted) return;
      await this.changed(signal);
    }
  }

  /**
   * As events(), but all that is logged when the subscriber comes to read (at most `max`) comes as
   * one array: a burst of events pushed together reaches the subscriber together.
   */
  async *chunks(lastEventId: string | null | undefined, signal?: AbortSignal, max = 1024): AsyncGenerator<Numbered<E>[]> {
    let next = this.indexAfter(lastEventId);
    for (;;) {
      while (next < this.log.length) {
        const end = Math.min(this.log.length, next + max);
        yield this.log.slice(next, end);
        next = end;
      }
      if (this.closed || signal?.aborted) return;
      await this.changed(signal);
    }
  }

  /** Where a subscriber resumes after `lastEventId` in this log (its start for none, or an id it does not hold). */
  private indexAfter(lastEventId: string | null | undefined): number {
    const next = lastEventId ? Number(lastEventId) + 1 - this.firstId : 0;
    return Number.isInteger(next) && next >= 0 ? next : 0;
  }

  private wake(): void {
    for (const wake of this.waiters) wake();
    this.waiters.clear();
  }

  private changed(signal?: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        signal?.removeEventListener('abort', wake);
        this.waiters.delete(wake);
        resolve();
      };
      this.waiters.add(wake);
      signal?.addEventListener('abort', wake, { once: true });
    });
  }
}
