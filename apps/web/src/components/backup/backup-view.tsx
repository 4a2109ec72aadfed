'use client';
import { useCallback } from 'react';
import { plainError } from '../../lib/agent-client';
import { useAgent } from '../../lib/agent-context';
import { useAccounts } from '../../lib/use-accounts';
import { useAccountSignIn } from '../../lib/use-accounts-sign-in';
import { useReloadWhenAgentReturns } from '../../lib/use-backup-reconnect';
import { useBackupAdapters } from '../../lib/use-backup-adapters';
import { useBackupRun } from '../../lib/use-backup-run';
import { useBackupStatus } from '../../lib/use-backup-status';
import { useBackupTargets } from '../../lib/use-backup-targets';
import { AddTargetForm } from './add-target-form';
import { BackupRunPanel } from './backup-run-panel';
import { BackupStatusPanel } from './backup-status-panel';
import { PageIntro } from './page-intro';
import { Panel } from './panel';
import { PhotoTable } from './photo-table';
import { TargetList } from './target-list';
import { targetName } from './target-kinds';

/** /backup: the 3-2-1 status, the one action that fixes it, the targets, and every photo. */
export function BackupView() {
  const { client, agentUrl, health } = useAgent();
  const status = useBackupStatus(client, agentUrl);
  const { reload } = status;
  const adapters = useBackupAdapters(client, agentUrl);
  const run = useBackupRun(client, agentUrl, reload);
  const targets = useBackupTargets(client, agentUrl, reload);
  const accounts = useAccounts(client, agentUrl);
  const signIn = useAccountSignIn(client, agentUrl, accounts.reload);
  useReloadWhenAgentReturns(health, () => {
    reload();
    accounts.reload();
    run.reattach();
  });

  const data = status.state.status === 'loading' ? undefined : status.state.data;
  const running = run.view.phase === 'running' || run.view.phase === 'starting';
  const labels = accounts.state.status === 'ready' ? accounts.state.accounts : [];
  // How people know an account: its title as the accounts list gives it now (a rename shows at once).
  const accountLabel = useCallback(
    (id: string | undefined) => {
      const a = id ? labels.find((x) => x.id === id) : undefined;
      return a ? (a.title ?? a.label ?? a.id) : undefined;
    },
    [labels],
  );
  const nameOf = useCallback(
    (id: string) => {
      const t = data?.targets.find((x) => x.id === id);
      return t ? targetName({ ...t, accountTitle: accountLabel(t.account) ?? t.accountTitle }) : `a removed target (${id})`;
    },
    [data, accountLabel],
  );
  const accountsReload = accounts.reload;
  const rename = useCallback(
    async (accountId: string, label: string): Promise<string | undefined> => {
      try {
        await client.accounts.setLabel.mutate({ id: accountId, label });
        accountsReload();
        reload();
        return undefined;
      } catch (error) {
        return plainError(error, agentUrl);
      }
    },
    [client, agentUrl, accountsReload, reload],
  );
  const blocked = !data ? undefined : data.totals.photos === 0 ? 'Recover some photos first: each recovered photo is the first of its three copies.' : data.targets.length === 0 ? 'Add a backup target below first.' : undefined;

  return (
    <div className="keep-page" data-testid="backup-page">
      <PageIntro title="Backup">A recovered photo is safe with three copies, on two kinds of media, one of them offsite. Afterimage counts only copies whose hash the target checked.</PageIntro>
      <Panel
        id="status"
        title="3-2-1 status"
        hint="Three copies, two kinds of media, one offsite."
        testId="backup-status-panel"
        aside={
          <button type="button" className="btn btn-primary" disabled={!data || !!blocked || running} onClick={() => void run.start()} data-testid="backup-run-button">
            {running ? 'Backing up…' : 'Bring every photo to 3-2-1'}
          </button>
        }
      >
        <BackupStatusPanel state={status.state} onRetry={reload} />
        <BackupRunPanel view={run.view} blocked={blocked} onCancel={() => void run.cancel()} targetName={nameOf} />
      </Panel>
      <Panel id="targets" title="Where the copies go" hint="Folders on other drives, and clouds. A cloud is always offsite." testId="targets-panel">
        {data && <TargetList status={data} accountLabel={accountLabel} locked={running} onRemove={targets.remove} />}
        <AddTargetForm adapters={adapters} accounts={accounts.state} flow={signIn.flow} onConnect={(p) => void signIn.connect(p)} onCancelSignIn={() => void signIn.cancel()} onAdd={targets.add} onRename={rename} />
      </Panel>
      <Panel id="photos" title="Each photo" hint="Open “Where?” to see every copy and the hash its target checked." testId="photos-panel">
        {data && data.totals.photos > 0 ? (
          <PhotoTable status={data} query={status.query} onQuery={status.setQuery} targetName={nameOf} />
        ) : (
          <p className="keep-muted">{data ? 'No recovered photos yet.' : 'Loading…'}</p>
        )}
      </Panel>
    </div>
  );
}
