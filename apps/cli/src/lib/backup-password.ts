import { CliError, EXIT } from './exit-codes.js';

/** The variable an encrypted iPhone backup's password may come from (for scripts; stdin is safer). */
export const PASSWORD_ENV = 'AFTERIMAGE_BACKUP_PASSWORD';

export const PASSWORD_OPTION_HELP = `  --password-stdin  an encrypted iPhone backup's password, read from stdin (its first line; on a
                    terminal it is asked for and not shown); or set ${PASSWORD_ENV}. There is no
                    --password option: a password on the command line stays in the shell's history`;

/** Asks on a terminal with the typing hidden; Ctrl-C stops the command. */
function askHidden(input: NodeJS.ReadStream, err: NodeJS.WritableStream): Promise<string> {
  err.write('iPhone backup password: ');
  input.setRawMode(true);
  input.setEncoding('utf8');
  input.resume();
  return new Promise((resolve, reject) => {
    let typed = '';
    const finish = () => {
      input.off('data', onData);
      input.setRawMode(false);
      input.pause();
      err.write('\n');
    };
    const onData = (chunk: string) => {
      for (const c of chunk) {
        if (c === '\r' || c === '\n' || c === '\u0004') return finish(), resolve(typed);
        if (c === '\u0003') return finish(), reject(new CliError('Stopped: no password given.', EXIT.interrupted));
        typed = c === '\u007f' || c === '\b' ? typed.slice(0, -1) : typed + c;
      }
    };
    input.on('data', onData);
  });
}

/** Everything piped in, up to a bound (a password is short; anything longer is a mistake). */
async function readPiped(input: NodeJS.ReadableStream): Promise<string> {
  let text = '';
  for await (const chunk of input) {
    text += typeof chunk === 'string' ? chunk : (chunk as Buffer).toString('utf8');
    if (text.length > 64 * 1024) throw new CliError('--password-stdin read more than 64 KiB: pipe in the password alone.', EXIT.usage);
  }
  return text;
}

/**
 * The backup password for this command, read only when a source needs one: stdin with
 * --password-stdin (its first line, the line break dropped), else AFTERIMAGE_BACKUP_PASSWORD, else none.
 */
export function backupPassword(fromStdin: boolean, input: NodeJS.ReadStream = process.stdin, err: NodeJS.WritableStream = process.stderr): () => Promise<string | undefined> {
  let read: Promise<string | undefined> | undefined;
  return () =>
    (read ??= (async () => {
      if (!fromStdin) return process.env[PASSWORD_ENV] || undefined;
      const text = input.isTTY ? await askHidden(input, err) : await readPiped(input);
      const password = text.split(/\r?\n/)[0] ?? '';
      if (!password) throw new CliError('--password-stdin read no password: pipe it in (printf %s "$PASSWORD" | afterimage …).', EXIT.usage);
      return password;
    })());
}
