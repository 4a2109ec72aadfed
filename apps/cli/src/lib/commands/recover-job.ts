import type { RecoveryEvent, RecoveryJob, RecoveryProgress, RecoveryReport, ScanBatchEvent, ScanState } from '@afterimage/contracts';
import type { AgentConnection } from '../agent-connection.js';
import { CliError, EXIT } from '../exit-codes.js';
import { follow } from '../follow.js';
import { formatBar, formatBytes } from '../format/units.js';
import { onInterrupt } from '../interrupt.js';
import { TerminalLine, TerminalProgress } from '../progress.js';

/** The scan `recover` starts, followed to its end (exit 7 when the agent stops answering meanwhile). */
export async function followRecoverScan(agent: AgentConnection, scanId: string, err: NodeJS.WriteStream): Promise<ScanState> {
  const progress = new TerminalProgress(err);
  try {
    return await follow<ScanBatchEvent, ScanState>(
      agent,
      (handlers) => agent.client.scans.eventBatches.subscribe({ scanId }, handlers),
      (event) => event.type === 'progress' && progress.update(event.progress),
      (event) => (event.type === 'done' ? event.state : undefined),
    );
  } finally {
    progress.done();
  }
}

/** "[########............]  42%  12 of 30 files, 48 MB of 120 MB  IMG_0042.JPG" */
export function recoveryProgressLine(p: RecoveryProgress): string {
  const [done, total] = p.bytesTotal > 0 ? [p.bytesDone, p.bytesTotal] : [p.filesDone, p.filesTotal];
  const failed = p.failed > 0 ? `, ${p.failed} failed` : '';
  return [
    formatBar(total > 0 ? done / total : 0),
    `${p.filesDone} of ${p.filesTotal} files${failed}, ${formatBytes(p.bytesDone)} of ${formatBytes(p.bytesTotal)}`,
    p.current ?? '',
  ].join('  ');
}

/**
 * Recovers what `scanId` found into `destination` as an agent job: a progress line per file on a
 * terminal, Ctrl-C cancels (the files verified until then stay, in report.json). Resolves with the
 * final job and its report; a job that failed without a report throws.
 */
export async function runRecoveryJob(
  agent: AgentConnection,
  scanId: string,
  destination: string,
  err: NodeJS.WriteStream,
): Promise<{ job: RecoveryJob; report: RecoveryReport }> {
  const line = new TerminalLine(err);
  const started = await agent.client.recovery.startJob.mutate({ scanId, destination });
  const undo = onInterrupt(() => {
    void agent.client.recovery.cancel.mutate({ jobId: started.id }).catch((error: unknown) => err.write(`afterimage: ${(error as Error).message}\n`));
  }, err);
  try {
    const done = await follow<RecoveryEvent, Extract<RecoveryEvent, { type: 'done' }>>(
      agent,
      (handlers) => agent.client.recovery.events.subscribe({ jobId: started.id, files: 'none' }, handlers),
      (event) => event.type === 'progress' && line.show(recoveryProgressLine(event.progress)),
      (event) => (event.type === 'done' ? event : undefined),
    );
    line.done();
    if (!done.report) throw new CliError(`The recovery ${done.job.status}: ${done.job.error ?? 'no reason given'}`, EXIT.failure);
    return { job: done.job, report: done.report };
  } finally {
    undo();
    line.done();
  }
}
