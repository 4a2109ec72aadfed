import { parseArgs } from 'node:util';
import type { Account, AccountProviderInfo } from '@afterimage/contracts';
import { CliError, EXIT } from '../exit-codes.js';
import { printJson, printLines } from '../format/output.js';
import { renderTable } from '../format/table.js';
import { formatTime } from '../format/units.js';
import { signInThroughAgent } from './accounts-sign-in.js';
import { AGENT_OPTIONS, AGENT_OPTIONS_HELP, withAgent } from './common.js';

export const ACCOUNTS_HELP = `Usage: afterimage accounts [list] [--json]
       afterimage accounts add PROVIDER [--no-browser] [--json]
       afterimage accounts label ACCOUNT_ID NAME [--json]
       afterimage accounts remove ACCOUNT_ID [--json]

Signs in to the cloud services backups go to, through the agent, which keeps the tokens (in
HOME/accounts.json, readable by you only) and refreshes them. PROVIDER is google (Google Drive and
Google Photos), dropbox or microsoft (OneDrive); a target kind (google-drive, onedrive…) works too.
'add' prints the address to open, opens your browser at it, and waits until you have signed in
there (5 minutes at most); then it asks the provider who the account is (its name and email,
shown in lists and beside the targets that use it) and prints the account id that 'backup targets
add … --account' takes. 'label' gives an account a name of your own ("Anna's Dropbox"); an empty
NAME goes back to the provider's. Each provider needs this app's client id first (AFTERIMAGE_<PROVIDER>_CLIENT_ID, see the
README). Removing an account that a backup target uses is refused: remove the target first.
Removing does not revoke the access at the provider; do that in your account settings there.

  --no-browser      only print the address (open it in a browser on this computer: the
                    provider sends the answer to the agent on 127.0.0.1)
  --json            print the accounts (or the one added or removed) as JSON
${AGENT_OPTIONS_HELP}

Examples:
  afterimage accounts add dropbox
  afterimage accounts add google --no-browser
  afterimage backup targets add dropbox Afterimage --account dropbox-1a2b3c4d5e6f
  afterimage accounts label dropbox-1a2b3c4d5e6f "Anna's Dropbox"
  afterimage accounts --json | jq -r '.[] | select(.needsSignIn) | .id'
  afterimage accounts remove dropbox-1a2b3c4d5e6f

Exit status: 0 done; 1 the sign-in failed, was declined or timed out, or the account to remove is
used by a backup target (the message says which); 2 bad usage or an unknown provider; 3 no such
account; 7 no agent; 8 the provider's client id is not configured (the message names the variable
to set); 130 the sign-in was cancelled by Ctrl-C.`;

function accountsTable(accounts: readonly Account[]): string {
  const rows = accounts.map((a) => [a.id, a.provider, a.title ?? a.label ?? '', formatTime(a.addedAt), a.needsSignIn ? 'sign in again' : 'ok']);
  return renderTable([{ header: 'ACCOUNT' }, { header: 'PROVIDER' }, { header: 'NAME', max: 40 }, { header: 'ADDED' }, { header: 'STATUS' }], rows);
}

function listReport(accounts: readonly Account[], providers: readonly AccountProviderInfo[]): string {
  const lines = [accounts.length > 0 ? accountsTable(accounts) : "No cloud accounts yet: sign in with 'afterimage accounts add google|dropbox|microsoft'."];
  for (const p of providers) if (!p.configured) lines.push(`${p.title} sign-in is not set up: ${p.missing ?? 'no client id'}`);
  return lines.join('\n');
}

/** The provider a name means: its id (google) or a target kind it serves (google-photos). */
function providerNamed(name: string, providers: readonly AccountProviderInfo[]): AccountProviderInfo {
  const found = providers.find((p) => p.provider === name.toLowerCase() || p.kinds.includes(name.toLowerCase()));
  if (!found) throw new CliError(`No cloud provider '${name}': it is ${providers.map((p) => p.provider).join(', ')} (see afterimage accounts --help).`, EXIT.usage);
  return found;
}

export async function accountsCommand(argv: string[], out: NodeJS.WritableStream, err: NodeJS.WriteStream): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { ...AGENT_OPTIONS, 'no-browser': { type: 'boolean', default: false }, json: { type: 'boolean', default: false } },
  });
  if (values.help) {
    printLines(out, ACCOUNTS_HELP);
    return EXIT.ok;
  }
  const [action = 'list', ...rest] = positionals;
  if (action === 'list') {
    if (rest.length > 0) throw new CliError('accounts list takes no arguments (see afterimage accounts --help).', EXIT.usage);
    const [accounts, providers] = await withAgent(values, ({ client }) => Promise.all([client.accounts.list.query(), client.accounts.providers.query()]));
    if (values.json) printJson(out, accounts);
    else printLines(out, listReport(accounts, providers));
    return EXIT.ok;
  }
  if (action === 'add') {
    if (rest.length !== 1) throw new CliError('accounts add takes one PROVIDER: google, dropbox or microsoft (see afterimage accounts --help).', EXIT.usage);
    return withAgent(values, async (agent) => {
      const provider = providerNamed(rest[0] as string, await agent.client.accounts.providers.query());
      const outcome = await signInThroughAgent(agent, provider, { browser: !values['no-browser'] }, err);
      if ('exitCode' in outcome) return outcome.exitCode;
      const account = (await agent.client.accounts.list.query()).find((a) => a.id === outcome.accountId);
      if (values.json) printJson(out, account ?? { id: outcome.accountId, provider: provider.provider });
      else {
        const who = account?.title && account.title !== account.id ? ` as ${account.title}` : '';
        printLines(out, `Signed in to ${provider.title}${who}: account ${outcome.accountId}.`, ...provider.kinds.map((kind) => `Back up to it: afterimage backup targets add ${kind} Afterimage --account ${outcome.accountId}`));
      }
      return EXIT.ok;
    });
  }
  if (action === 'label') {
    if (rest.length !== 2) throw new CliError('accounts label takes ACCOUNT_ID and NAME ("" to go back to the provider\'s name; see afterimage accounts --help).', EXIT.usage);
    const [id, label] = rest as [string, string];
    if (label.length > 100) throw new CliError('An account name is at most 100 characters.', EXIT.usage);
    const account = await withAgent(values, ({ client }) => client.accounts.setLabel.mutate({ id, label }));
    if (values.json) printJson(out, account);
    else printLines(out, `${account.id} is now shown as ${account.title ?? account.id}.`);
    return EXIT.ok;
  }
  if (action === 'remove') {
    if (rest.length !== 1) throw new CliError('accounts remove takes one ACCOUNT_ID (see afterimage accounts).', EXIT.usage);
    const removed = await withAgent(values, ({ client }) => client.accounts.remove.mutate({ id: rest[0] as string }));
    if (values.json) printJson(out, removed);
    else printLines(out, `Removed ${removed.id} (${removed.provider}); its tokens are gone from this computer. Revoke Afterimage's access in your account settings there if you want to.`);
    return EXIT.ok;
  }
  throw new CliError(`Unknown accounts command '${action}': it is list, add, label or remove (see afterimage accounts --help).`, EXIT.usage);
}
