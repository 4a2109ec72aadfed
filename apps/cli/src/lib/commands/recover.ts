import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { RecoveryReport, TrashKeeper } from '@afterimage/contracts';
import { connectAgent } from '../agent-connection.js';
import { CliError, EXIT } from '../exit-codes.js';
import { backupPassword, PASSWORD_OPTION_HELP } from '../backup-password.js';
import { formatBytes } from '../format/units.js';
import { followRecoverScan, runRecoveryJob } from './recover-job.js';
import { addFolderSource } from '../resolve-source.js';

export const RECOVER_HELP = `Usage: afterimage recover SOURCE --out DIR [--include-live] [--keep-corrupt] [--password-stdin] [--json] [--agent URL]
       afterimage recover SOURCE DIR …

Recovers every deleted or lost photo and video found on SOURCE (a disk image or a device, read
only) into DIR, checks each written copy's sha256, and writes DIR/report.json and report.csv.
SOURCE may be a folder, only ever read: an iPhone backup gives back every photo and video of its
camera roll under the phone's names and dates (Recently Deleted ones marked with their purge date
in report.json, the two halves of a Live Photo under one name); any other folder gives back the
photos and videos Android's trash kept (.trashed-…, .pending-…) and those in a $Recycle.Bin,
under their real names and original folders. DIR may not be inside the SOURCE folder.
On a terminal a line shows the scan, then the files being written; Ctrl-C during the copy cancels
it (exit 130), keeping the files verified until then, listed in report.json.

  --out DIR        where recovered files go (never on the source); created when missing
  --include-live   also copy the photos and videos that are still live in the filesystem
  --keep-corrupt   a damaged file keeps its bytes after the point where its structure breaks (up
                   to the next file found) instead of being cut there; it stays marked corrupt
${PASSWORD_OPTION_HELP}
  --json           print report.json to stdout instead of a summary
  --agent URL      use a running agent (token from AFTERIMAGE_TOKEN or its home's agent.token);
                   by default a private agent is started for this command

Examples:
  afterimage recover /dev/sdb --out ~/Recovered
  afterimage recover card.img --out ./card-photos --include-live --json > report.json
  afterimage recover ./Backup/00008110-001A2B3C4D5E6F70 ~/iPhone-photos --password-stdin < pw.txt
  afterimage recover /media/phone-copy ~/Rescued`;

const KEPT_BY: Record<TrashKeeper, string> = {
  'iphone-recently-deleted': "the iPhone's Recently Deleted",
  'android-trash': "Android's trash",
  'android-pending': "Android's unfinished (pending) files",
  'recycle-bin': 'a Windows Recycle Bin',
};

function summary(report: RecoveryReport): string {
  const bytes = report.files.reduce((sum, f) => sum + f.size, 0);
  const lines = [
    report.files.length === 0
      ? 'No deleted or lost photos or videos were found.'
      : `Recovered ${report.files.length} file(s), ${formatBytes(bytes)}, into ${report.destination}; every copy re-read and its sha256 checked.`,
  ];
  const byHow = new Map<string, number>();
  for (const f of report.files) byHow.set(`${f.origin}, found by ${f.foundBy}`, (byHow.get(`${f.origin}, found by ${f.foundBy}`) ?? 0) + 1);
  for (const [how, n] of byHow) lines.push(`  ${n} ${how}`);
  const kept = new Map<string, number>();
  for (const f of report.files) if (f.trash) kept.set(KEPT_BY[f.trash.by], (kept.get(KEPT_BY[f.trash.by]) ?? 0) + 1);
  for (const [by, n] of kept) lines.push(`  ${n} from ${by} (report.json says when each would have gone for good)`);
  for (const f of report.failed) lines.push(`  NOT recovered: ${f.name}: ${f.reason}`);
  lines.push(`Report: ${resolve(report.destination, 'report.json')}`);
  return lines.join('\n');
}

export async function recoverCommand(argv: string[], out: NodeJS.WritableStream, err: NodeJS.WriteStream): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      out: { type: 'string', short: 'o' },
      'include-live': { type: 'boolean', default: false },
      'keep-corrupt': { type: 'boolean', default: false },
      'password-stdin': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      agent: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    out.write(RECOVER_HELP + '\n');
    return EXIT.ok;
  }
  const [given, dir, ...extra] = positionals;
  if (!given || extra.length > 0 || (dir && values.out)) throw new CliError('recover takes one SOURCE and one DIR (see afterimage recover --help).', EXIT.usage);
  const target = values.out ?? dir;
  if (!target) throw new CliError('recover needs --out DIR (see afterimage recover --help).', EXIT.usage);
  const source = resolve(given);
  const destination = resolve(target);
  const agent = await connectAgent(values.agent);
  try {
    const added =
      (await addFolderSource(agent.client, source, backupPassword(values['password-stdin'], process.stdin, err))) ?? (await agent.client.sources.addImage.mutate({ path: source }));
    const started = await agent.client.scans.start.mutate({ sourceId: added.id, includeLive: values['include-live'], keepCorrupt: values['keep-corrupt'] });
    const finished = await followRecoverScan(agent, started.id, err);
    if (finished.status !== 'done') throw new CliError(`The scan ${finished.status}: ${finished.error ?? 'no reason given'}`, EXIT.failure);
    const { job, report } = await runRecoveryJob(agent, started.id, destination, err);
    out.write(values.json ? JSON.stringify(report, null, 2) + '\n' : summary(report) + '\n');
    if (job.status === 'cancelled') throw new CliError(`Recovery cancelled: the ${report.files.length} file(s) verified until then are in the report.`, EXIT.interrupted);
    if (report.failed.length > 0) {
      throw new CliError(`${report.failed.length} file(s) could not be recovered and verified; see the report.`, EXIT.partial);
    }
    return EXIT.ok;
  } finally {
    await agent.close();
  }
}
