'use client';
import type { TrashItem } from '@afterimage/contracts';
import { useCallback, useMemo, useState } from 'react';
import { useAgent } from '../../lib/agent-context';
import { useReloadWhenAgentReturns } from '../../lib/use-backup-reconnect';
import { plural } from '../../lib/format';
import { restoreItems, useTrash, type RestoreOutcome } from '../../lib/use-trash';
import { useTrashPreviews } from '../../lib/use-trash-previews';
import { PageIntro } from '../backup/page-intro';
import { Panel } from '../backup/panel';
import { targetName } from '../backup/target-kinds';
import { TrashContents } from './trash-contents';
import { TrashPreviewDialog } from './trash-preview-dialog';
import { RestoreSummary } from './restore-summary';
import { itemKey } from './trash-table';
import { TrashUnavailable } from './trash-unavailable';

const newestFirst = (a: TrashItem, b: TrashItem) => (b.deletedAt ?? '').localeCompare(a.deletedAt ?? '') || a.name.localeCompare(b.name);

/** /trash: what the backup targets' trash holds, restored from one place. */
export function TrashView() {
  const { client, agentUrl, health } = useAgent();
  const { state, reload } = useTrash(client, agentUrl);
  useReloadWhenAgentReturns(health, reload);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<RestoreOutcome>();
  const previews = useTrashPreviews(client);
  const [open, setOpen] = useState<TrashItem>();

  const ready = state.status === 'ready' ? state : undefined;
  const items = useMemo(() => [...(ready?.trash.items ?? [])].sort(newestFirst), [ready]);
  const nameOf = useCallback(
    (id: string) => {
      // A target carries its account's title as the agent names it (nothing is renamed on this page).
      const t = ready?.targets.find((x) => x.id === id);
      return t ? targetName(t) : id;
    },
    [ready],
  );
  const toggle = (key: string) => setSelected((s) => (s.has(key) ? new Set([...s].filter((k) => k !== key)) : new Set([...s, key])));
  const set = (keys: string[], on: boolean) => {
    const these = new Set(keys);
    setSelected((s) => (on ? new Set([...s, ...keys]) : new Set([...s].filter((k) => !these.has(k)))));
  };
  const chosen = items.filter((i) => selected.has(itemKey(i)));
  const restore = async (these = chosen) => {
    setBusy(true);
    setOutcome(await restoreItems(client, agentUrl, these));
    setBusy(false);
    const done = new Set(these.map(itemKey));
    setSelected((s) => new Set([...s].filter((k) => !done.has(k))));
    reload();
  };
  const restoreOpen = async (item: TrashItem) => {
    await restore([item]);
    setOpen(undefined);
  };

  return (
    <div className="keep-page" data-testid="trash-page">
      <PageIntro title="Cloud trash">Photos deleted from your backup clouds — Drive’s trash, Dropbox’s deleted files, OneDrive’s deleted items — restored from one place.</PageIntro>
      <Panel
        id="trash"
        title="In the trash"
        hint="Each photo shows a small picture from its cloud; choose it to see it larger and restore it from there."
        testId="trash-panel"
        aside={
          items.length > 0 && (
            <button type="button" className="btn btn-primary" disabled={busy || chosen.length === 0} onClick={() => void restore()} data-testid="trash-restore-button">
              {busy ? 'Restoring…' : chosen.length === 0 ? 'Restore' : `Restore ${plural(chosen.length, 'item')}`}
            </button>
          )
        }
      >
        <TrashContents
          state={state}
          items={items}
          targetName={nameOf}
          selected={selected}
          onToggle={toggle}
          onSet={set}
          onRetry={reload}
          thumbOf={previews.thumbOf}
          onVisible={previews.show}
          onOpen={setOpen}
        />
        {outcome && <RestoreSummary outcome={outcome} targetName={nameOf} />}
      </Panel>
      {open && <TrashPreviewDialog item={open} target={nameOf(open.targetId)} thumb={previews.thumbOf(open)} client={client} restoring={busy} onRestore={() => void restoreOpen(open)} onClose={() => setOpen(undefined)} />}
      {ready && (ready.trash.unavailable.length > 0 || ready.targets.length > 0) && (
        <Panel id="no-trash" title="Targets without a trash to list" hint="Where Afterimage cannot look, and what to do instead." testId="no-trash-panel">
          <TrashUnavailable unavailable={ready.trash.unavailable} targets={ready.targets} />
        </Panel>
      )}
    </div>
  );
}
