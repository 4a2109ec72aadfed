import type { AddBackupTarget } from '@afterimage/contracts';
import { useEffect, useState } from 'react';
import type { AccountsState } from '../../lib/use-accounts';
import type { AdaptersState } from '../../lib/use-backup-adapters';
import type { SignInFlow } from '../../lib/use-accounts-sign-in';
import type { AccountProvider } from '../../lib/use-accounts';
import { Notice } from '../notice';
import { CloudFields } from './cloud-fields';
import { KindPicker } from './kind-picker';
import { LocalFolderFields, type LocalFolderValue } from './local-folder-fields';
import { LOCAL_FOLDER, targetKinds } from './target-kinds';

const isAbsolute = (p: string) => p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p);

export interface AddTargetFormProps {
  /** The kinds the agent can add (its adapters); a local folder alone until they are known. */
  adapters: AdaptersState;
  accounts: AccountsState;
  flow: SignInFlow;
  onConnect: (provider: AccountProvider) => void;
  onCancelSignIn: () => void;
  onAdd: (input: AddBackupTarget) => Promise<string | undefined>;
  /** Names an account ('' goes back to the provider's name); a sentence when it did not work. */
  onRename: (accountId: string, label: string) => Promise<string | undefined>;
}

/** Picks a kind, then asks only what that kind needs. */
export function AddTargetForm({ adapters, accounts, flow, onConnect, onCancelSignIn, onAdd, onRename }: AddTargetFormProps) {
  const providers = accounts.status === 'ready' ? accounts.providers : undefined;
  const kinds = targetKinds(adapters.status === 'ready' ? adapters.adapters : undefined);
  const [kindId, setKindId] = useState('local-folder');
  const kind = kinds.find((k) => k.kind === kindId) ?? LOCAL_FOLDER;
  const [local, setLocal] = useState<LocalFolderValue>({ root: '', offsite: false, synced: false });
  const [cloudRoot, setCloudRoot] = useState(kind.rootDefault);
  const [account, setAccount] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string>();

  const provider = providers?.find((p) => p.provider === kind.provider);
  const mine = accounts.status === 'ready' ? accounts.accounts.filter((a) => a.provider === kind.provider) : [];
  const chosen = mine.find((a) => a.id === account)?.id ?? mine[0]?.id ?? '';
  // A sign-in that just finished picks the new account.
  useEffect(() => {
    if (flow.status === 'done') setAccount(flow.accountId);
  }, [flow]);

  const pick = (id: string) => {
    setKindId(id);
    setCloudRoot(kinds.find((k) => k.kind === id)?.rootDefault ?? '');
    setProblem(undefined);
  };
  const check = (): string | undefined => {
    if (!kind.provider) return !local.root.trim() ? 'Give the folder’s full path.' : !isAbsolute(local.root.trim()) ? 'Give a full path, starting with /.' : undefined;
    if (!chosen) return `Connect ${provider?.title ?? 'an account'} first.`;
    return cloudRoot.trim() ? undefined : `Name the ${kind.rootLabel.toLowerCase()}.`;
  };
  const submit = async () => {
    const invalid = check();
    if (invalid) return setProblem(invalid);
    const input: AddBackupTarget = kind.provider
      ? { kind: kind.kind, root: cloudRoot.trim(), account: chosen }
      : { kind: kind.kind, root: local.root.trim(), offsite: local.offsite, ...(local.synced ? { medium: 'cloud' as const } : {}) };
    setBusy(true);
    const error = await onAdd(input);
    setBusy(false);
    setProblem(error);
    if (!error && !kind.provider) setLocal({ root: '', offsite: false, synced: false });
  };

  return (
    <form className="add-target" onSubmit={(e) => (e.preventDefault(), void submit())} data-testid="add-target-form">
      <KindPicker kinds={kinds} value={kind.kind} onChange={pick} />
      {!kind.provider ? (
        <LocalFolderFields value={local} onChange={setLocal} help={kind.rootHelp} />
      ) : accounts.status === 'loading' ? (
        <Notice tone="empty">
          <p>Asking the agent which clouds it can sign in to…</p>
        </Notice>
      ) : accounts.status === 'error' ? (
        <Notice tone="error" title={`${kind.title} cannot be added right now.`} testId="accounts-error">
          <p>{accounts.message}</p>
        </Notice>
      ) : provider ? (
        <CloudFields
          kind={kind}
          provider={provider}
          accounts={mine}
          account={chosen}
          onAccount={setAccount}
          onRename={onRename}
          root={cloudRoot}
          onRoot={setCloudRoot}
          flow={flow}
          onConnect={() => onConnect(provider.provider)}
          onCancelSignIn={onCancelSignIn}
        />
      ) : null}
      {kind.limits.length > 0 && (
        <ul className="field-help kind-limits" data-testid="kind-limits">
          {kind.limits.map((limit) => (
            <li key={limit}>{limit}</li>
          ))}
        </ul>
      )}
      {adapters.status === 'error' && (
        <p className="field-help" data-testid="adapters-error">
          Only folders can be added: the agent did not say which clouds it can back up to ({adapters.message}).
        </p>
      )}
      {problem && (
        <p className="field-error" role="alert" data-testid="add-target-error">
          {problem}
        </p>
      )}
      <div>
        <button type="submit" className="btn btn-secondary" disabled={busy || (!!kind.provider && !chosen)} data-testid="add-target-button">
          {busy ? 'Adding…' : `Add ${kind.title.toLowerCase().startsWith('folder') ? 'this folder' : kind.title}`}
        </button>
      </div>
    </form>
  );
}
