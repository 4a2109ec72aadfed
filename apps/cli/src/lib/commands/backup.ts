import { parseArgs } from 'node:util';
import type { BackupEvent, BackupJobState } from '@afterimage/contracts';
import type { AgentConnection } from '../agent-connection.js';
import { CliError, EXIT } from '../exit-codes.js';
import { followJob } from '../follow-job.js';
import { backupProgressLine, runSummary } from '../format/backup.js';
import { formatTime } from '../format/units.js';
import { printJson, printLines } from '../format/output.js';
import { backupStatusCommand } from './backup-status.js';
import { backupTargetsCommand } from './backup-targets.js';
import { AGENT_OPTIONS, AGENT_OPTIONS_HELP, withAgent } from './common.js';

export const BACKUP_HELP = `Usage: afterimage backup targets|status|run [options]

Keeps recovered photos safe by the 3-2-1 rule: three copies (the recovered file is the first), on
two kinds of media, one offsite. Every copy counts only once the target's own hash of the stored
file matched the photo's.

  afterimage backup targets [add KIND ROOT | remove ID]   the places photos are copied to
  afterimage backup targets kinds                          the kinds of target this agent can add
  afterimage backup status                                 how many photos meet 3-2-1, and each one's copies
  afterimage backup run                                    copy what is lacking, verified (or follow
                                                           the backup already running)

Run 'afterimage backup COMMAND --help' for each one's options.

Examples:
  afterimage backup targets add local-folder /media/usb/Photos --offsite
  afterimage backup run && afterimage backup status`;

export const BACKUP_RUN_HELP = `Usage: afterimage backup run [--parallel N] [--detach] [--json] [--agent URL] [--home DIR]

Copies each recovered photo that lacks something for 3-2-1 to the targets that fix it (an
offsite cloud first when it has no offsite copy, another kind of medium when it has one kind),
into YYYY/MM/NAME on each, and checks each copy against the target's own hash. Photos already
there with the same hash are not uploaded again, so running it twice copies nothing the second
time. A file that fails is reported with its reason and the others go on. Ctrl-C stops the job
(what was copied counts); if the agent stops, the job goes on when it starts again. When a backup
is already running (started from the dashboard, or by another command), no second one starts:
this says so and follows the running one to its end.

  --parallel N      uploads at a time (1-16, default 4)
  --detach          start the job and print its id at once (needs a running agent,
                    'afterimage agent'); 'afterimage backup run' later follows it to the end
  --json            print the job's final state as JSON (with --detach: the started state)
${AGENT_OPTIONS_HELP}

Examples:
  afterimage backup run
  afterimage backup run --parallel 8 --json > backup.json
  afterimage backup run --detach

Exit status: 0 every copy made and every photo meets 3-2-1; 6 some files failed, or some photos
still lack something no target can give (the summary says what to add); 1 the job failed;
7 no agent; 130 stopped by Ctrl-C.`;

/**
 * Follows a job to its end. Ctrl-C stops a job this command started; one found running (started in
 * the dashboard or by another command) is only no longer followed, and goes on in the agent.
 */
async function followBackup(agent: AgentConnection, started: BackupJobState, err: NodeJS.WriteStream, own: boolean): Promise<{ state: BackupJobState; stopped: boolean }> {
  const { result: state, interrupted: stopped } = await followJob<BackupEvent, BackupJobState>(agent, err, {
    subscribe: (handlers) => agent.client.backup.events.subscribe({ jobId: started.id }, handlers),
    line: backupProgressLine,
    end: (done) => done.state,
    interrupt: (leave) => {
      if (own) void agent.client.backup.cancel.mutate({ jobId: started.id }).catch(() => undefined);
      else void agent.client.backup.get.query({ jobId: started.id }).then(leave, () => leave(started));
    },
    intro: own ? `Backing up as ${started.id}; Ctrl-C stops it.\n` : `Following ${started.id}; Ctrl-C stops following (the backup goes on).\n`,
  });
  return { state, stopped };
}

async function backupRunCommand(argv: string[], out: NodeJS.WritableStream, err: NodeJS.WriteStream): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { ...AGENT_OPTIONS, parallel: { type: 'string' }, detach: { type: 'boolean', default: false }, json: { type: 'boolean', default: false } },
  });
  if (values.help) {
    printLines(out, BACKUP_RUN_HELP);
    return EXIT.ok;
  }
  const parallel = values.parallel === undefined ? undefined : Number(values.parallel);
  if (parallel !== undefined && (!Number.isInteger(parallel) || parallel < 1 || parallel > 16)) throw new CliError(`--parallel is a number from 1 to 16, not ${values.parallel}.`, EXIT.usage);
  const { state, stopped } = await withAgent(
    values,
    async (agent) => {
      // An older agent has no backup.current; backup.run then answers with the running job anyway.
      const current = await agent.client.backup.current.query().catch(() => null);
      const running = current?.status === 'running' ? current : undefined;
      if (running) err.write(`A backup is already running (${running.id}, started ${formatTime(running.startedAt)}): following it instead of starting another${parallel ? ` (its --parallel is ${running.parallel})` : ''}.\n`);
      const started = running ?? (await agent.client.backup.run.mutate(parallel ? { parallel } : {}));
      if (values.detach || started.status !== 'running') return { state: started, stopped: false };
      return followBackup(agent, started, err, !running);
    },
    { requireRunning: values.detach },
  );
  if (values.json) printJson(out, state);
  if (values.detach && state.status === 'running') {
    if (!values.json) printLines(out, state.id);
    err.write(`Backup ${state.id} runs in the agent; follow it with 'afterimage backup run', see the result with 'afterimage backup status'.\n`);
    return EXIT.ok;
  }
  if (state.status === 'running') {
    // Ctrl-C while following a backup this command did not start: it goes on in the agent.
    if (!values.json) printLines(out, `Backup ${state.id} goes on in the agent; see it with 'afterimage backup status'.`);
    return EXIT.interrupted;
  }
  if (!values.json) printLines(out, runSummary(state));
  if (state.status === 'cancelled') return stopped ? EXIT.interrupted : EXIT.failure;
  if (state.status === 'failed') throw new CliError(state.error ?? 'The backup failed.', EXIT.failure);
  const complete = state.progress.failed === 0 && (!state.after || state.after.meets321 === state.after.photos);
  return complete ? EXIT.ok : EXIT.partial;
}

const SUBCOMMANDS: Record<string, (argv: string[], out: NodeJS.WritableStream, err: NodeJS.WriteStream) => Promise<number>> = {
  targets: backupTargetsCommand,
  status: backupStatusCommand,
  run: backupRunCommand,
};

export async function backupCommand(argv: string[], out: NodeJS.WritableStream, err: NodeJS.WriteStream): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === undefined || sub === '--help' || sub === '-h' || sub === 'help') {
    printLines(out, BACKUP_HELP);
    return sub === undefined ? EXIT.usage : EXIT.ok;
  }
  // An option before any subcommand is parsed as such, so an unknown one is reported as bad usage.
  if (sub.startsWith('-')) parseArgs({ args: argv, options: { help: { type: 'boolean', short: 'h' } } });
  const handler = Object.hasOwn(SUBCOMMANDS, sub) ? SUBCOMMANDS[sub] : undefined;
  if (!handler) throw new CliError(`Unknown backup command '${sub}': it is targets, status or run (see afterimage backup --help).`, EXIT.usage);
  return handler(rest, out, err);
}
