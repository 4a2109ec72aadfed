import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { recoverCommand, RECOVER_HELP } from './lib/commands/recover.js';
import { CliError, describeError, EXIT } from './lib/exit-codes.js';

export { EXIT } from './lib/exit-codes.js';

const HELP = `afterimage — get deleted photos and videos back, then keep them safe

Usage: afterimage <command> [options]

Commands:
  recover SOURCE --out DIR   recover deleted photos and videos from an image or a device
  agent [--port N]           run the local agent (the dashboard's and the CLI's back end)

Run 'afterimage <command> --help' for a command's options.

Exit codes: 0 done; 1 failed; 2 bad usage; 3 source missing or unreadable; 4 destination refused
(for example on the source); 5 not enough space; 6 some files not recovered; 7 agent unreachable.

${RECOVER_HELP}`;

function runAgentInForeground(argv: string[]): Promise<number> {
  const pkg = fileURLToPath(import.meta.resolve('@afterimage/agent/package.json'));
  const child = spawn(process.execPath, [join(dirname(pkg), 'bin', 'afterimage-agent.mjs'), ...argv], { stdio: 'inherit' });
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  process.on('SIGINT', forward).on('SIGTERM', forward);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code ?? EXIT.failure)));
}

/** Runs one CLI invocation and returns its exit code; errors become one line on stderr. */
export async function run(argv: string[], out: NodeJS.WritableStream = process.stdout, err: NodeJS.WriteStream = process.stderr): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        out.write(HELP + '\n');
        return command === undefined ? EXIT.usage : EXIT.ok;
      case 'recover':
        return await recoverCommand(rest, out, err);
      case 'agent':
        return await runAgentInForeground(rest);
      default:
        throw new CliError(`Unknown command '${command}'; run 'afterimage --help'.`, EXIT.usage);
    }
  } catch (error) {
    const { line, code } = describeError(error);
    const usage = (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
    err.write(`afterimage: ${line}\n`);
    return usage ? EXIT.usage : code;
  }
}
