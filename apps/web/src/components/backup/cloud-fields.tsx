import { useId } from 'react';
import type { AccountInfo, ProviderInfo } from '../../lib/use-accounts';
import type { SignInFlow } from '../../lib/use-accounts-sign-in';
import { AccountRename } from './account-rename';
import { ConnectAccount } from './connect-account';
import type { KindInfo } from './target-kinds';

export interface CloudFieldsProps {
  kind: KindInfo;
  provider: ProviderInfo;
  accounts: AccountInfo[];
  account: string;
  onAccount: (id: string) => void;
  onRename: (accountId: string, label: string) => Promise<string | undefined>;
  root: string;
  onRoot: (root: string) => void;
  flow: SignInFlow;
  onConnect: () => void;
  onCancelSignIn: () => void;
}

/** Which signed-in account, and the folder (or album) in it. */
export function CloudFields({ kind, provider, accounts, account, onAccount, onRename, root, onRoot, flow, onConnect, onCancelSignIn }: CloudFieldsProps) {
  const id = useId();
  const chosen = accounts.find((a) => a.id === account);
  return (
    <div className="target-fields">
      {accounts.length > 0 && (
        <>
          <label htmlFor={`${id}-account`} className="field-label">
            {provider.title} account
          </label>
          <select id={`${id}-account`} className="input" value={account} onChange={(e) => onAccount(e.target.value)} data-testid="target-account">
            {accounts.map((a) => (
              <option key={a.id} value={a.id}>
                {a.title ?? a.label ?? a.id}
                {a.needsSignIn ? ' (sign in again)' : ''}
              </option>
            ))}
          </select>
          {chosen && <AccountRename key={chosen.id} account={chosen} onRename={onRename} />}
        </>
      )}
      <ConnectAccount provider={provider} flow={flow} again={accounts.length > 0} onConnect={onConnect} onCancel={onCancelSignIn} />
      {accounts.length > 0 && (
        <>
          <label htmlFor={`${id}-root`} className="field-label">
            {kind.rootLabel}
          </label>
          <input id={`${id}-root`} className="input" type="text" value={root} onChange={(e) => onRoot(e.target.value)} spellCheck={false} autoComplete="off" data-testid="target-root" />
          <p className="field-help">{kind.rootHelp}</p>
        </>
      )}
    </div>
  );
}
