import { isAbsolute, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { CliError, EXIT } from '../exit-codes.js';
import { adaptersReport, targetsTable } from '../format/backup.js';
import { printJson, printLines } from '../format/output.js';
import { AGENT_OPTIONS, AGENT_OPTIONS_HELP, withAgent } from './common.js';

export const BACKUP_TARGETS_HELP = `Usage: afterimage backup targets [--json]
       afterimage backup targets kinds [--json]
       afterimage backup targets add KIND ROOT [--offsite] [--medium disk|cloud] [--account ID] [--json]
       afterimage backup targets remove TARGET_ID

Lists, adds and removes the places recovered photos are backed up to. 'kinds' lists the kinds of
target the agent can add, from its adapters: what each needs (local-folder: a folder or external
drive, ROOT its path, created when missing; a cloud: ROOT the folder or album there, --account
the signed-in account), its medium, whether it is offsite, and what it cannot do. A cloud is
offsite and a cloud medium; a drive is a disk kept here unless you say otherwise. Removing a
target forgets the copies recorded on it (the files stay where they are).

  --offsite            the drive is kept at another address (a cloud always is)
  --medium disk|cloud  a folder that a cloud client keeps in sync (a Dropbox or OneDrive
                       folder) counts as a cloud copy: --medium cloud
  --account ID         the signed-in account a cloud target uses
  --json               print the targets (or the one added or removed) as JSON
${AGENT_OPTIONS_HELP}

Examples:
  afterimage backup targets kinds
  afterimage backup targets add local-folder /media/usb/Photos --offsite
  afterimage backup targets add local-folder ~/Dropbox/Photos --medium cloud --offsite
  afterimage backup targets add google-drive Afterimage --account google-1a2b3c
  afterimage backup targets
  afterimage backup targets remove tgt-1a2b3c4d`;

export async function backupTargetsCommand(argv: string[], out: NodeJS.WritableStream): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      ...AGENT_OPTIONS,
      offsite: { type: 'boolean', default: false },
      medium: { type: 'string' },
      account: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    printLines(out, BACKUP_TARGETS_HELP);
    return EXIT.ok;
  }
  const [action, ...rest] = positionals;
  if (values.medium !== undefined && values.medium !== 'disk' && values.medium !== 'cloud') throw new CliError(`--medium is disk or cloud, not ${values.medium}.`, EXIT.usage);
  if (action === undefined) {
    const targets = await withAgent(values, ({ client }) => client.backup.targets.list.query());
    if (values.json) printJson(out, targets);
    else printLines(out, targets.length > 0 ? targetsTable(targets) : "No backup targets yet: add one with 'afterimage backup targets add local-folder DIR'.");
    return EXIT.ok;
  }
  if (action === 'kinds') {
    if (rest.length > 0) throw new CliError('backup targets kinds takes no arguments (see afterimage backup targets --help).', EXIT.usage);
    const adapters = await withAgent(values, ({ client }) => client.backup.adapters.query());
    if (values.json) printJson(out, adapters);
    else printLines(out, adaptersReport(adapters));
    return EXIT.ok;
  }
  if (action === 'add') {
    if (rest.length !== 2) throw new CliError('backup targets add takes KIND and ROOT (see afterimage backup targets --help).', EXIT.usage);
    const [kind, root] = rest as [string, string];
    // A local folder is a path here; a cloud root is a folder or album name there.
    const where = kind === 'local-folder' && !isAbsolute(root) ? resolve(root) : root;
    const medium = values.medium as 'disk' | 'cloud' | undefined;
    const input = { kind, root: where, offsite: values.offsite, ...(medium ? { medium } : {}), ...(values.account ? { account: values.account } : {}) };
    const added = await withAgent(values, ({ client }) => client.backup.targets.add.mutate(input));
    if (values.json) printJson(out, added);
    else printLines(out, `Backup target ${added.id}: ${added.title} ${added.root} (${added.medium}, ${added.offsite ? 'offsite' : 'onsite'}).`, "Back up to it: afterimage backup run");
    return EXIT.ok;
  }
  if (action === 'remove') {
    if (rest.length !== 1) throw new CliError('backup targets remove takes one TARGET_ID (see afterimage backup targets).', EXIT.usage);
    const removed = await withAgent(values, ({ client }) => client.backup.targets.remove.mutate({ targetId: rest[0] as string }));
    if (values.json) printJson(out, removed);
    else printLines(out, `Removed ${removed.id} (${removed.root}); the files there stay, and no longer count as copies.`);
    return EXIT.ok;
  }
  throw new CliError(`Unknown action '${action}': backup targets takes kinds, add or remove (see afterimage backup targets --help).`, EXIT.usage);
}
