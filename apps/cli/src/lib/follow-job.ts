import type { AgentConnection } from './agent-connection.js';
import { follow, type Subscribe } from './follow.js';
import { onInterrupt } from './interrupt.js';
import { TerminalLine } from './progress.js';

type ProgressOf<E> = Extract<E, { type: 'progress' }> extends { progress: infer P } ? P : never;
type DoneOf<E> = Extract<E, { type: 'done' }>;

/** How one kind of agent job is followed from the command line. */
export interface JobFollowing<E extends { type: string }, T> {
  /** The job's events (its 'progress' events redraw the line, its 'done' event ends it). */
  subscribe: Subscribe<E>;
  /** The progress line of a 'progress' event. */
  line: (progress: ProgressOf<E>) => string;
  /** What the command goes on with once the job is done. */
  end: (done: DoneOf<E>) => T;
  /**
   * What the first Ctrl-C does: cancel or pause the job in the agent, or `leave` it (stop following
   * it, going on with `result`) while it runs on. Without it, Ctrl-C ends the command as usual.
   */
  interrupt?: (leave: (result: T) => void) => void;
  /** Written once Ctrl-C is handled: what the job is and what Ctrl-C does to it. */
  intro?: string;
}

/**
 * Follows an agent job to its end: its progress on one terminal line, Ctrl-C handed to the job (a
 * second Ctrl-C ends the command at once), the line closed and Ctrl-C given back however it ends.
 * Resolves with what `end` makes of the job's 'done' event (or what `leave` was given), and whether
 * Ctrl-C was pressed; exit 7 when the agent stops answering meanwhile (follow).
 */
export async function followJob<E extends { type: string }, T>(agent: AgentConnection, err: NodeJS.WriteStream, job: JobFollowing<E, T>): Promise<{ result: T; interrupted: boolean }> {
  const line = new TerminalLine(err);
  let interrupted = false;
  let subscription: { unsubscribe(): void } | undefined;
  let leave: (result: T) => void = () => undefined;
  const left = new Promise<T>((resolve) => (leave = (result) => (subscription?.unsubscribe(), resolve(result))));
  const { interrupt } = job;
  const undo = interrupt
    ? onInterrupt(() => {
        interrupted = true;
        interrupt(leave);
      }, err)
    : () => undefined;
  if (job.intro) err.write(job.intro);
  try {
    const followed = follow<E, T>(
      agent,
      (handlers) => (subscription = job.subscribe(handlers)),
      (event) => event.type === 'progress' && line.show(job.line((event as Extract<E, { type: 'progress' }> & { progress: ProgressOf<E> }).progress)),
      (event) => (event.type === 'done' ? job.end(event as DoneOf<E>) : undefined),
    );
    return { result: await Promise.race([followed, left]), interrupted };
  } finally {
    undo();
    line.done();
  }
}
