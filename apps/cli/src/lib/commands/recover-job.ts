import type { RecoveryEvent, RecoveryJob, RecoveryProgress, RecoveryReport, ScanBatchEvent, ScanState } from '@afterimage/contracts';
import type { AgentConnection } from '../agent-connection.js';
import { CliError, EXIT } from '../exit-codes.js';
import { followJob } from '../follow-job.js';
import { formatBar, formatBytes } from '../format/units.js';
import { scanProgressLine } from '../format/scan-progress.js';

/** The scan `recover` starts, followed to its end (exit 7 when the agent stops answering meanwhile). */
export async function followRecoverScan(agent: AgentConnection, scanId: string, err: NodeJS.WriteStream): Promise<ScanState> {
  const { result } = await followJob<ScanBatchEvent, ScanState>(agent, err, {
    subscribe: (handlers) => agent.client.scans.eventBatches.subscribe({ scanId }, handlers),
    line: scanProgressLine,
    end: (done) => done.state,
  });
  return result;
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
  const started = await agent.client.recovery.startJob.mutate({ scanId, destination });
  const { result: done } = await followJob<RecoveryEvent, Extract<RecoveryEvent, { type: 'done' }>>(agent, err, {
    subscribe: (handlers) => agent.client.recovery.events.subscribe({ jobId: started.id, files: 'none' }, handlers),
    line: recoveryProgressLine,
    end: (event) => event,
    interrupt: () => void agent.client.recovery.cancel.mutate({ jobId: started.id }).catch((error: unknown) => err.write(`afterimage: ${(error as Error).message}\n`)),
  });
  if (!done.report) throw new CliError(`The recovery ${done.job.status}: ${done.job.error ?? 'no reason given'}`, EXIT.failure);
  return { job: done.job, report: done.report };
}
