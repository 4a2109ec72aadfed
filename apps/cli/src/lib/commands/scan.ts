import { parseArgs } from 'node:util';
import { TRPCClientError } from '@trpc/client';
import type { ScanBatchEvent, ScanState } from '@afterimage/contracts';
import type { AgentConnection } from '../agent-connection.js';
import { CliError, EXIT } from '../exit-codes.js';
import { followJob } from '../follow-job.js';
import { printJson, printLines } from '../format/output.js';
import { findingsByType, readHealthNote, scanProgressLine } from '../format/scan-progress.js';
import { formatBytes, formatPercent } from '../format/units.js';
import { backupPassword, PASSWORD_OPTION_HELP } from '../backup-password.js';
import { addSource } from '../resolve-source.js';
import { AGENT_OPTIONS, AGENT_OPTIONS_HELP, withAgent } from './common.js';

export const SCAN_HELP = `Usage: afterimage scan SOURCE [--include-live] [--keep-corrupt] [--password-stdin] [--detach] [--json]
       afterimage scan --resume SCAN_ID [--json]

Scans SOURCE (a disk image, or a device such as /dev/sdb, only ever read) for photos and videos:
through its filesystems (deleted entries keep their names and dates) and by their content. SOURCE
may be a folder: an iPhone backup (every photo and video of its camera roll, Recently Deleted
ones marked with their purge date), or any folder, where Android's trashed and pending files and
Recycle Bin items are found under their real names. The scan is kept in the agent's store: list
what it found with 'afterimage findings SCAN_ID'.
Ctrl-C pauses the scan at its last checkpoint; 'afterimage scan --resume SCAN_ID' goes on.
Sectors that cannot be read are counted as bad sectors. A device stops at its first: image it
first ('afterimage image'). An image made so (or by GNU ddrescue, its map beside it as IMAGE.map)
is scanned with its map: the sectors the device could not give are bad sectors from the start, and
every photo holding some says so.

  --include-live    also list the photos and videos that are still live in the filesystem
  --keep-corrupt    a damaged file keeps its bytes after the point where its structure breaks
  --detach          start the scan and print its id at once (it needs a running agent,
                    'afterimage agent'; come back with 'afterimage findings' or 'scan --resume')
  --resume SCAN_ID  go on with a paused scan (or follow a running one, or show a finished one)
${PASSWORD_OPTION_HELP}
  --json            print the scan's final state as JSON (with --detach: the started state)
${AGENT_OPTIONS_HELP}

Examples:
  afterimage scan card.img
  afterimage scan /dev/sdb --include-live
  afterimage scan "$HOME/Library/Application Support/MobileSync/Backup/00008110-001A2B3C4D5E6F70" --password-stdin < pw.txt
  id=$(afterimage scan card.img --detach); afterimage findings "$id"

Exit status: 0 the scan is done; 1 it failed; 3 the source is missing or unreadable; 7 no agent
(with --detach: no running agent); 9 an encrypted backup without its password, or a wrong one;
130 paused (by Ctrl-C): it goes on with --resume.`;

function summary(state: ScanState): string {
  const head = `Scan ${state.id} ${state.status}: ${state.findingCount} finding${state.findingCount === 1 ? '' : 's'}`;
  const found = state.findingCount > 0 ? ` (${findingsByType(state.progress.findingsByFormat)})` : '';
  const health = readHealthNote(state.progress);
  return `${head}${found}, ${formatBytes(state.progress.bytesDone)} of ${formatBytes(state.progress.bytesTotal)} read${health ? `; ${health}` : ''}.`;
}

const isConflict = (error: unknown) => error instanceof TRPCClientError && (error.data as { serviceCode?: string } | undefined)?.serviceCode === 'CONFLICT';

/** Follows a running scan to its end; the first Ctrl-C pauses it. */
async function followScan(agent: AgentConnection, scanId: string, err: NodeJS.WriteStream): Promise<{ state: ScanState; paused: boolean }> {
  // Findings come several per event (scans.eventBatches): this command only shows progress.
  const { result: state, interrupted: paused } = await followJob<ScanBatchEvent, ScanState>(agent, err, {
    subscribe: (handlers) => agent.client.scans.eventBatches.subscribe({ scanId }, handlers),
    line: scanProgressLine,
    end: (done) => done.state,
    // A scan that ended meanwhile cannot be paused (CONFLICT): its end is reported as usual.
    interrupt: () => void agent.client.scans.pause.mutate({ scanId }).catch((error: unknown) => isConflict(error) || err.write(`afterimage: ${(error as Error).message}\n`)),
    intro: `Scanning as ${scanId}; Ctrl-C pauses the scan.\n`,
  });
  return { state, paused };
}

async function startOrResume(
  agent: AgentConnection,
  values: { resume?: string | undefined; detach: boolean; 'include-live': boolean; 'keep-corrupt': boolean; 'password-stdin': boolean },
  source: string | undefined,
  err: NodeJS.WriteStream,
) {
  let state: ScanState;
  if (values.resume) {
    state = await agent.client.scans.get.query({ scanId: values.resume });
    if (state.status === 'paused') state = await agent.client.scans.resume.mutate({ scanId: state.id });
    if (state.status !== 'running') return { state, paused: false };
  } else {
    const added = await addSource(agent.client, source as string, backupPassword(values['password-stdin'], process.stdin, err));
    state = await agent.client.scans.start.mutate({ sourceId: added.id, includeLive: values['include-live'], keepCorrupt: values['keep-corrupt'] });
  }
  if (values.detach) return { state, paused: false };
  return followScan(agent, state.id, err);
}

export async function scanCommand(argv: string[], out: NodeJS.WritableStream, err: NodeJS.WriteStream): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      ...AGENT_OPTIONS,
      'include-live': { type: 'boolean', default: false },
      'keep-corrupt': { type: 'boolean', default: false },
      detach: { type: 'boolean', default: false },
      resume: { type: 'string' },
      'password-stdin': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    printLines(out, SCAN_HELP);
    return EXIT.ok;
  }
  if (values.resume ? positionals.length !== 0 : positionals.length !== 1) {
    throw new CliError('scan takes one SOURCE, or --resume SCAN_ID (see afterimage scan --help).', EXIT.usage);
  }
  const { state, paused } = await withAgent(values, (agent) => startOrResume(agent, values, positionals[0], err), { requireRunning: values.detach });
  if (values.json) printJson(out, state);
  if (values.detach && state.status === 'running') {
    if (!values.json) printLines(out, state.id);
    err.write(`Scan ${state.id} runs in the agent. See what it found: afterimage findings ${state.id}; follow it: afterimage scan --resume ${state.id}\n`);
    return EXIT.ok;
  }
  if (!values.json) printLines(out, summary(state));
  if (state.status === 'paused') {
    err.write(`Paused at ${formatPercent(state.progress.bytesDone, state.progress.bytesTotal).trim()}. Go on with: afterimage scan --resume ${state.id}\n`);
    if (!paused) err.write('(It was paused from elsewhere, for example the dashboard.)\n');
    return EXIT.interrupted;
  }
  if (state.status === 'failed') throw new CliError(`The scan failed: ${state.error ?? 'no reason given'}`, EXIT.failure);
  if (state.status === 'cancelled') throw new CliError(`The scan was cancelled.`, EXIT.failure);
  if (!values.json) printLines(out, `List what it found: afterimage findings ${state.id}`);
  return EXIT.ok;
}
