'use client';
import { useMemo, useState } from 'react';
import { createAgentClient, plainError } from '../lib/agent-client';
import { plural } from '../lib/format';
import { useRecovery } from '../lib/use-recovery';
import { useScan } from '../lib/use-scan';
import { useSources } from '../lib/use-sources';
import { useThumbnails } from '../lib/use-thumbnails';
import { AddImageForm } from './add-image-form';
import { AppHeader } from './app-header';
import { FindingGrid } from './finding-grid';
import { Notice } from './notice';
import { RecoverForm } from './recover-form';
import { RecoverySummary } from './recovery-summary';
import { ScanProgress } from './scan-progress';
import { SourceList } from './source-list';
import { Step } from './step';
import { useSelection } from '../lib/use-selection';

export interface DashboardProps {
  agentUrl: string;
  token: string;
  defaultDestination: string;
}

export function Dashboard({ agentUrl, token, defaultDestination }: DashboardProps) {
  const client = useMemo(() => createAgentClient(agentUrl, token), [agentUrl, token]);
  const sources = useSources(client, agentUrl);
  const scan = useScan(client, agentUrl);
  const recovery = useRecovery(client, agentUrl);
  const selection = useSelection();
  const [sourceId, setSourceId] = useState<string>();
  const [destination, setDestination] = useState(defaultDestination);

  const { view } = scan;
  const scanId = view.scan?.id;
  const thumbs = useThumbnails(client, scanId, view.findings);
  const scanning = view.phase === 'starting' || view.phase === 'running';
  const list = sources.state.status === 'ready' ? sources.state.sources : [];
  const source = list.find((s) => s.id === sourceId);
  const chosenIds = view.findings.filter((f) => selection.isSelected(f.id)).map((f) => f.id);

  const pickSource = (id: string) => {
    if (id === sourceId) return;
    setSourceId(id);
    scan.reset();
    recovery.reset();
    selection.all();
  };
  const startScan = () => {
    if (!sourceId) return;
    recovery.reset();
    selection.all();
    void scan.start(sourceId);
  };
  const addImage = async (path: string) => {
    try {
      const added = await client.sources.addImage.mutate({ path });
      sources.reload();
      pickSource(added.id);
      return undefined;
    } catch (error) {
      return plainError(error, agentUrl);
    }
  };

  return (
    <>
      <AppHeader agentUrl={agentUrl} connected={sources.state.status === 'loading' ? undefined : sources.state.status === 'ready'} />
      <main className="container">
        <Step n={1} title="Choose where to look" hint="A camera card, a USB stick or a disk image. It is only ever read, never written.">
          <SourceList state={sources.state} selectedId={sourceId} locked={scanning} onSelect={pickSource} onRetry={sources.reload} />
          {sources.state.status === 'ready' && <AddImageForm onAdd={addImage} />}
        </Step>

        <Step
          n={2}
          title="Scan"
          hint={source ? `Looks through ${source.label} for deleted photos, by file entry and by content.` : 'Pick a source above first.'}
          aside={
            <button type="button" className="btn btn-primary" disabled={!source || scanning} onClick={startScan} data-testid="scan-button">
              {scanning ? 'Scanning…' : view.phase === 'done' ? 'Scan again' : 'Scan'}
            </button>
          }
        >
          {view.phase === 'idle' ? (
            <Notice tone="empty">{source ? <p>Ready to scan {source.label}.</p> : <p>No source chosen yet.</p>}</Notice>
          ) : (
            <ScanProgress view={view} />
          )}
          {view.error && (
            <Notice tone="error" title="The scan did not finish." testId="scan-error">
              <p>{view.error}</p>
            </Notice>
          )}
        </Step>

        <Step n={3} title="Review what was found" hint="Photos appear here as they are found. Untick the ones you do not want back.">
          {view.findings.length > 0 ? (
            <FindingGrid findings={view.findings} thumbs={thumbs} isSelected={selection.isSelected} onToggle={selection.toggle} onAll={selection.all} onNone={selection.none} />
          ) : view.phase === 'done' ? (
            <Notice tone="empty" title="No deleted photos on this source." testId="findings-empty">
              <p>Nothing was found in its deleted entries or free space.</p>
            </Notice>
          ) : (
            <Notice tone="empty">
              <p>{scanning ? 'Looking… the first photos will show up here.' : 'Scan a source to see what can be brought back.'}</p>
            </Notice>
          )}
        </Step>

        <Step n={4} title="Recover" hint={view.phase === 'done' ? `${plural(chosenIds.length, 'photo')} selected.` : 'Available when the scan is done.'}>
          {view.phase === 'done' && scanId && view.findings.length > 0 ? (
            <RecoverForm destination={destination} onDestination={setDestination} count={chosenIds.length} busy={recovery.state.status === 'running'} onRecover={() => void recovery.recover(scanId, chosenIds, destination.trim())} />
          ) : (
            <Notice tone="empty">
              <p>Recovered copies are written to a folder you choose, with a report of every file and its hash.</p>
            </Notice>
          )}
          {recovery.state.status === 'done' && <RecoverySummary report={recovery.state.report} />}
          {recovery.state.status === 'error' && (
            <Notice tone="error" title="Nothing was recovered." testId="recovery-error">
              <p>{recovery.state.message}</p>
            </Notice>
          )}
        </Step>
      </main>
    </>
  );
}
