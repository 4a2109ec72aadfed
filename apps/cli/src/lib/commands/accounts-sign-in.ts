import { spawn } from 'node:child_process';
import type { AccountProviderInfo, SignInStatus } from '@afterimage/contracts';
import type { AgentConnection } from '../agent-connection.js';
import { CliError, EXIT } from '../exit-codes.js';
import { onInterrupt } from '../interrupt.js';
import { TerminalLine } from '../progress.js';

const POLL_MS = 500;
const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

/**
 * Asks the desktop to open the address (xdg-open, open, or the Windows URL handler) without waiting
 * for it. On Linux without a display nothing is tried, as xdg-open would start a text browser in
 * this terminal. False when no browser could be asked.
 */
export function openInBrowser(url: string, env: NodeJS.ProcessEnv = process.env): boolean {
  const [command, args] =
    process.platform === 'darwin' ? ['open', [url]] : process.platform === 'win32' ? ['rundll32', ['url.dll,FileProtocolHandler', url]] : ['xdg-open', [url]];
  if (process.platform !== 'darwin' && process.platform !== 'win32' && !env['DISPLAY'] && !env['WAYLAND_DISPLAY']) return false;
  try {
    const child = spawn(command as string, args as string[], { detached: true, stdio: 'ignore', windowsHide: true });
    child.on('error', () => undefined);
    child.unref();
    return true;
  } catch {
    return false;
  }
}

/**
 * Follows the sign-in until the browser came back (or not); Ctrl-C cancels it in the agent. `ready`
 * runs once Ctrl-C is handled, so what it prints can be answered with Ctrl-C at once.
 */
async function waitFor(agent: AgentConnection, signInId: string, err: NodeJS.WriteStream, ready: () => void): Promise<{ status: SignInStatus; interrupted: boolean }> {
  const line = new TerminalLine(err);
  let interrupted = false;
  const undo = onInterrupt(() => {
    interrupted = true;
    void agent.client.accounts.cancelSignIn.mutate({ signInId }).catch(() => undefined);
  }, err);
  try {
    ready();
    for (let tick = 0; ; tick++) {
      const status = await agent.client.accounts.signInStatus.query({ signInId });
      if (status.state !== 'waiting') return { status, interrupted };
      line.show(`${FRAMES[tick % FRAMES.length]} Waiting for you to sign in in the browser… (Ctrl-C cancels)`);
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  } finally {
    undo();
    line.done();
  }
}

/**
 * Runs one sign-in through the agent: the agent listens on the loopback and hands back the address;
 * this prints it (on stderr, so --json output stays one document), asks a browser to open it unless
 * told not to, and waits. Resolves with the account id; a cancelled sign-in is exit 130 after Ctrl-C.
 */
export async function signInThroughAgent(
  agent: AgentConnection,
  provider: AccountProviderInfo,
  options: { browser: boolean },
  err: NodeJS.WriteStream,
): Promise<{ accountId: string } | { exitCode: number }> {
  if (!provider.configured) throw new CliError(provider.missing ?? `${provider.title} sign-in is not configured.`, EXIT.config);
  const started = await agent.client.accounts.signIn.mutate({ provider: provider.provider });
  const { status, interrupted } = await waitFor(agent, started.signInId, err, () => {
    err.write(`Open this address to sign in: ${started.authorizationUrl}\n`);
    if (options.browser && !openInBrowser(started.authorizationUrl)) err.write('(No browser could be opened from here: open the address yourself, on this computer.)\n');
  });
  if (status.state === 'done' && status.accountId) return { accountId: status.accountId };
  if (status.state === 'cancelled' && interrupted) {
    err.write(`${status.error ?? 'The sign-in was cancelled.'}\n`);
    return { exitCode: EXIT.interrupted };
  }
  throw new CliError(status.error ?? `The sign-in to ${provider.title} did not finish.`, EXIT.failure);
}
