import { parseArgs } from 'node:util';
import { MAX_BACKUP_STATUS_PAGE, type BackupJobState, type BackupStatus, type BackupStatusRequest } from '@afterimage/contracts';
import type { AgentConnection } from '../agent-connection.js';
import { CliError, EXIT } from '../exit-codes.js';
import { runningJobLine, statusReport } from '../format/backup.js';
import { printJson, printLines } from '../format/output.js';
import { AGENT_OPTIONS, AGENT_OPTIONS_HELP, withAgent } from './common.js';

const DEFAULT_LIMIT = 50;

export const BACKUP_STATUS_HELP = `Usage: afterimage backup status [--lacking] [--name TEXT] [--limit N | --all] [--json] [--agent URL] [--home DIR]

Shows how many recovered photos meet 3-2-1 (three copies, on two kinds of media, one of them
offsite), what the others lack, and the first photos by name with their copies: the recovered
file itself, and each copy on a backup target whose hash the target verified. A backup running
in the agent is shown with its progress.

  --lacking         only the photos that lack something
  --name TEXT       only the photos whose name holds TEXT
  --limit N         show N photos (1-${MAX_BACKUP_STATUS_PAGE}, default ${DEFAULT_LIMIT}); the totals always count every photo
  --all             show every photo (asked from the agent a page at a time)
  --json            print the status as JSON: {"photos": [...], "page": {...}, "totals": {...},
                    "targets": [...]} (with --all, "photos" holds every one)
${AGENT_OPTIONS_HELP}

Examples:
  afterimage backup status
  afterimage backup status --lacking --all
  afterimage backup status --all --json | jq -r '.photos[] | select(.meets321 | not) | .name'
  afterimage backup status || afterimage backup run     # in a nightly job

Exit status: 0 every recovered photo meets 3-2-1 (or there are none yet); 6 some do not (run
'afterimage backup run'); 2 bad usage; 7 no agent.`;

/** Every photo that matches, a page of the largest size at a time, as one status. */
async function allPages(agent: AgentConnection, filter: BackupStatusRequest): Promise<BackupStatus> {
  const first = await agent.client.backup.status.query({ ...filter, limit: MAX_BACKUP_STATUS_PAGE, offset: 0 });
  const photos = [...first.photos];
  let last = first;
  while (last.photos.length === MAX_BACKUP_STATUS_PAGE && photos.length < last.page.matching) {
    last = await agent.client.backup.status.query({ ...filter, limit: MAX_BACKUP_STATUS_PAGE, offset: photos.length });
    photos.push(...last.photos);
  }
  return { ...last, photos, page: { offset: 0, limit: Math.max(1, photos.length), matching: last.page.matching } };
}

export async function backupStatusCommand(argv: string[], out: NodeJS.WritableStream): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { ...AGENT_OPTIONS, json: { type: 'boolean', default: false }, all: { type: 'boolean', default: false }, lacking: { type: 'boolean', default: false }, limit: { type: 'string' }, name: { type: 'string' } },
  });
  if (values.help) {
    printLines(out, BACKUP_STATUS_HELP);
    return EXIT.ok;
  }
  const limit = values.limit === undefined ? DEFAULT_LIMIT : Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_BACKUP_STATUS_PAGE) throw new CliError(`--limit is a number from 1 to ${MAX_BACKUP_STATUS_PAGE}, not ${values.limit}.`, EXIT.usage);
  if (values.all && values.limit !== undefined) throw new CliError('Give --limit or --all, not both.', EXIT.usage);
  const filter: BackupStatusRequest = { ...(values.lacking ? { show: 'lacking' as const } : {}), ...(values.name ? { name: values.name } : {}) };
  const { status, job } = await withAgent(values, async (agent) => {
    const status = values.all ? await allPages(agent, filter) : await agent.client.backup.status.query({ ...filter, limit });
    // An older agent has no backup.current: the status is shown without it.
    const job: BackupJobState | null = await agent.client.backup.current.query().catch(() => null);
    return { status, job };
  });
  if (values.json) printJson(out, status);
  else printLines(out, statusReport(status, { filtered: values.lacking || !!values.name }), ...(job?.status === 'running' ? ['', runningJobLine(job)] : []));
  return status.totals.meets321 < status.totals.photos ? EXIT.partial : EXIT.ok;
}
