import { accountsCommand } from './lib/commands/accounts.js';
import { agentCommand } from './lib/commands/agent.js';
import { backupCommand } from './lib/commands/backup.js';
import { devicesCommand } from './lib/commands/devices.js';
import { findingsCommand } from './lib/commands/findings.js';
import { imageCommand } from './lib/commands/image.js';
import { recoverCommand } from './lib/commands/recover.js';
import { scanCommand } from './lib/commands/scan.js';
import { sessionsCommand } from './lib/commands/sessions.js';
import { trashCommand } from './lib/commands/trash.js';
import { CliError, describeError, EXIT, EXIT_CODES_HELP } from './lib/exit-codes.js';

export { EXIT, EXIT_CODES_HELP } from './lib/exit-codes.js';

const HELP = `afterimage — get deleted photos and videos back, then keep them safe

Usage: afterimage <command> [options]

Commands:
  afterimage devices                       list this computer's disks and cards
  afterimage image SOURCE --out IMAGE      copy a failing card or disk to an image first (ddrescue-style)
  afterimage scan SOURCE                   find photos and videos on an image or a device
  afterimage findings SCAN_ID              list, filter and sort what a scan found
  afterimage recover SOURCE --out DIR      scan and recover deleted photos and videos into DIR
  afterimage sessions                      list the scans and imaging jobs the agent keeps
  afterimage backup targets|status|run     keep recovered photos safe by 3-2-1, every copy verified
  afterimage accounts [add|remove]         sign in to Google, Dropbox or OneDrive for cloud backups
  afterimage trash list|restore            list and restore deleted items in cloud backups' trash
  afterimage agent                         run the local agent (the dashboard's and the CLI's back end)

Every command has --help (its options and examples), and all but agent take --json (output for
scripts); progress is shown on a terminal only. Commands use the agent already running for their home (see 'afterimage
agent'), or the one --agent URL names, or else start a private one for themselves.

Examples:
  afterimage devices
  afterimage scan /dev/sdb && afterimage findings SCAN_ID --origin deleted --sort takenAt
  afterimage recover card.img --out ~/Recovered --json > report.json
  afterimage backup targets add local-folder /media/usb/Photos --offsite && afterimage backup run
  afterimage accounts add dropbox && afterimage backup targets add dropbox Afterimage --account ID

${EXIT_CODES_HELP}`;

type Command = (argv: string[], out: NodeJS.WritableStream, err: NodeJS.WriteStream) => Promise<number>;

const COMMANDS: Record<string, Command> = {
  devices: devicesCommand,
  image: imageCommand,
  scan: scanCommand,
  findings: findingsCommand,
  recover: recoverCommand,
  sessions: sessionsCommand,
  backup: backupCommand,
  trash: trashCommand,
  accounts: accountsCommand,
  agent: agentCommand,
};

/** Runs one CLI invocation and returns its exit code; errors become one line on stderr. */
export async function run(argv: string[], out: NodeJS.WritableStream = process.stdout, err: NodeJS.WriteStream = process.stderr): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === undefined || ['help', '--help', '-h'].includes(command)) {
      out.write(HELP + '\n');
      return command === undefined ? EXIT.usage : EXIT.ok;
    }
    const handler = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
    if (!handler) throw new CliError(`Unknown command '${command}'; run 'afterimage --help'.`, EXIT.usage);
    return await handler(rest, out, err);
  } catch (error) {
    const { line, code } = describeError(error);
    const usage = (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
    err.write(`afterimage: ${line}${usage ? ` (see afterimage ${command} --help)` : ''}\n`);
    return usage ? EXIT.usage : code;
  }
}
