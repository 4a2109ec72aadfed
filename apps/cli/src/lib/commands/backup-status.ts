import { parseArgs } from 'node:util';
import { EXIT } from '../exit-codes.js';
import { statusReport } from '../format/backup.js';
import { printJson, printLines } from '../format/output.js';
import { AGENT_OPTIONS, AGENT_OPTIONS_HELP, withAgent } from './common.js';

export const BACKUP_STATUS_HELP = `Usage: afterimage backup status [--json] [--agent URL] [--home DIR]

Shows every photo the agent recovered and its copies: the recovered file itself, and each copy
on a backup target whose hash the target verified. A photo meets 3-2-1 with three copies, on two
kinds of media (disk, cloud), one of them offsite.

  --json            print the status as JSON: {"photos": [...], "totals": {...}, "targets": [...]}
${AGENT_OPTIONS_HELP}

Examples:
  afterimage backup status
  afterimage backup status --json | jq -r '.photos[] | select(.meets321 | not) | .name'
  afterimage backup status || afterimage backup run     # in a nightly job

Exit status: 0 every recovered photo meets 3-2-1 (or there are none yet); 6 some do not (run
'afterimage backup run'); 7 no agent.`;

export async function backupStatusCommand(argv: string[], out: NodeJS.WritableStream): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { ...AGENT_OPTIONS, json: { type: 'boolean', default: false } } });
  if (values.help) {
    printLines(out, BACKUP_STATUS_HELP);
    return EXIT.ok;
  }
  const status = await withAgent(values, ({ client }) => client.backup.status.query());
  if (values.json) printJson(out, status);
  else printLines(out, statusReport(status));
  return status.totals.meets321 < status.totals.photos ? EXIT.partial : EXIT.ok;
}
