import { useId, useState } from 'react';
import type { AccountInfo } from '../../lib/use-accounts';

/**
 * Who the chosen account is at its provider, and a name of the user's own for it ("Anna's Dropbox"):
 * shown in the account list and beside every target that uses it. An empty name goes back to the
 * provider's.
 */
export function AccountRename({ account, onRename }: { account: AccountInfo; onRename: (accountId: string, label: string) => Promise<string | undefined> }) {
  const id = useId();
  const [editing, setEditing] = useState(false);
  const [value, setValue] = useState(account.label ?? '');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string>();
  const who = [account.name, account.email].filter(Boolean).join(' · ');
  const save = async () => {
    setBusy(true);
    const error = await onRename(account.id, value.trim());
    setBusy(false);
    setProblem(error);
    if (!error) setEditing(false);
  };
  return (
    <div className="account-rename" data-testid="account-rename">
      {who && (
        <p className="field-help" data-testid="account-who">
          Signed in as {who}
        </p>
      )}
      {editing ? (
        <div className="connect-row">
          <label htmlFor={`${id}-label`} className="sr-only">
            Your name for this account
          </label>
          <input
            id={`${id}-label`}
            className="input"
            type="text"
            maxLength={100}
            value={value}
            placeholder={account.name ?? account.email ?? account.id}
            onChange={(e) => setValue(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                void save();
              }
            }}
            data-testid="account-label-input"
          />
          <button type="button" className="btn btn-secondary" disabled={busy} onClick={() => void save()} data-testid="account-label-save">
            {busy ? 'Saving…' : 'Save name'}
          </button>
          <button type="button" className="btn btn-quiet" onClick={() => setEditing(false)}>
            Cancel
          </button>
        </div>
      ) : (
        <button type="button" className="btn btn-quiet" onClick={() => setEditing(true)} data-testid="account-label-edit">
          {account.label ? 'Rename this account' : 'Name this account'}
        </button>
      )}
      {problem && (
        <p className="field-error" role="alert">
          {problem}
        </p>
      )}
    </div>
  );
}
