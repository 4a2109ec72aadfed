'use client';
import type { Source } from '@afterimage/contracts';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useCallback, useEffect, useRef, useState } from 'react';
import { plainError } from '../lib/agent-client';
import { formatMoment } from '../lib/dates';
import { useAgent } from '../lib/agent-context';
import { scanStats } from '../lib/scan-stats';
import { useResults } from '../lib/use-results';
import { usePasswordPrompt } from '../lib/use-password-prompt';
import { useScanLive } from '../lib/use-scan-live';
import { useSources } from '../lib/use-sources';
import { LockedSourceNotice } from './locked-source-notice';
import { Notice } from './notice';
import { PasswordDialog } from './password-dialog';
import { RecoverPanel } from './recover-panel';
import { ResultsPanel } from './results-panel';
import { ScanPanel } from './scan-panel';
import { Step } from './step';

/** /scans/ID: the scan's live progress, its results, and recovery; all of it asked of the agent on load. */
export function ScanScreen({ scanId }: { scanId: string }) {
  const { client, agentUrl, health } = useAgent();
  const router = useRouter();
  const sources = useSources(client, agentUrl);
  const password = usePasswordPrompt();
  // Bumped when the backup is unlocked: the previews it refused are asked for again.
  const [unlocks, setUnlocks] = useState(0);
  const sourceRef = useRef<Source | undefined>(undefined);
  const { ask } = password;
  const { reload: reloadSources } = sources;
  /** The agent lost an encrypted backup's password (it restarted): ask for it; true once it opens the backup. */
  const unlock = useCallback(async () => {
    const locked = sourceRef.current;
    if (!locked) return false;
    return ask({
      label: locked.label,
      unlock: async (given) => {
        await client.sources.unlock.mutate({ sourceId: locked.id, password: given });
        reloadSources();
        setUnlocks((n) => n + 1);
      },
    });
  }, [ask, client, reloadSources]);
  const live = useScanLive(client, agentUrl, scanId, health.status !== 'down', unlock);
  const status = live.view.state?.status;
  const results = useResults(client, agentUrl, scanId, live.view.found, status === 'running');
  const [startError, setStartError] = useState<string>();

  useEffect(() => {
    if (health.status === 'ok') reloadSources();
  }, [health.status, reloadSources]);

  const source = sources.state.status === 'ready' ? sources.state.sources.find((s) => s.id === live.view.state?.sourceId) : undefined;
  useEffect(() => {
    sourceRef.current = source;
  }, [source]);
  const label = source?.label ?? live.view.state?.sourceId ?? 'Scan';
  const formats = scanStats(live.view.progress, status === 'done').byFormat;

  const scanSource = async (sourceId: string) => {
    try {
      const scan = await client.scans.start.mutate({ sourceId });
      router.push(`/scans/${scan.id}`);
    } catch (error) {
      setStartError(plainError(error, agentUrl));
    }
  };

  if (live.view.loadError && !live.view.state) {
    return (
      <>
        <nav className="crumbs" aria-label="Breadcrumb">
          <Link href="/">Recover</Link> <span aria-hidden>›</span> <span>{scanId}</span>
        </nav>
        <Notice tone="error" title="This scan could not be opened." testId="scan-load-error">
          <p>{live.view.loadError}</p>
          <Link href="/" className="btn btn-secondary">
            Back to the sources
          </Link>
        </Notice>
      </>
    );
  }

  return (
    <>
      <div className="page-intro">
        <nav className="crumbs" aria-label="Breadcrumb">
          <Link href="/">Recover</Link> <span aria-hidden>›</span> <span aria-current="page">{label}</span>
        </nav>
        <h1 className="page-title" data-testid="scan-title">
          {label}
        </h1>
        {live.view.state && (
          <p className="page-lead">
            Scan {scanId} · started {formatMoment(live.view.state.startedAt) ?? live.view.state.startedAt}
            {source ? ` · ${source.path}` : ''}
          </p>
        )}
      </div>
      <Step n={2} title="Scan" hint="You can leave this page: the scan goes on in the agent, and this address shows it again." testId="step-scan">
        <ScanPanel live={live.view} source={source} onPause={() => void live.pause()} onResume={() => void live.resume()} onCancel={() => void live.cancel()} onScanSource={(id) => void scanSource(id)} />
        {startError && (
          <Notice tone="error" title="The scan could not start." testId="scan-start-error">
            <p>{startError}</p>
          </Notice>
        )}
      </Step>
      <Step n={3} title="Review what was found" hint="Everything is chosen to start with. Filter, look at the details, leave out what you do not want." testId="step-results">
        {source?.needsPassword && <LockedSourceNotice label={source.label} onUnlock={() => void unlock()} />}
        <ResultsPanel scanId={scanId} results={results} status={status} formats={formats} previewsKey={unlocks} />
      </Step>
      <Step n={4} title="Recover" hint="Copies go to another drive, each one checked against its hash." testId="step-recover">
        <RecoverPanel scanId={scanId} status={status} results={results} onNeedsPassword={unlock} />
      </Step>
      {password.pending && <PasswordDialog key={password.pending.id} request={password.pending} agentUrl={agentUrl} onDone={password.finish} />}
    </>
  );
}
