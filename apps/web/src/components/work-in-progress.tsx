import type { ImagingState, ScanState, Source } from '@afterimage/contracts';
import { useAgent } from '../lib/agent-context';
import { useScanProgress } from '../lib/use-scan-progress';
import { ImagingProgressView } from './imaging-progress';
import { ScanSummaryRow } from './scan-summary-row';

/**
 * What the agent is doing now (or left paused): shown first on the Recover page, so a scan that was
 * running when the page was left is one click away.
 */
export function WorkInProgress({ scans, imaging, sources, onScanImage }: { scans: ScanState[]; imaging: ImagingState[]; sources: Source[]; onScanImage: (sourceId: string) => void }) {
  const active = scans.filter((s) => s.status === 'running' || s.status === 'paused');
  const jobs = imaging.filter((j) => j.status === 'running' || (j.status === 'done' && j.imageSourceId && !scans.some((s) => s.sourceId === j.imageSourceId)));
  if (active.length === 0 && jobs.length === 0) return null;
  const label = (id: string) => sources.find((s) => s.id === id)?.label ?? id;
  return (
    <section className="panel panel-live" aria-labelledby="live-title" data-testid="scans-in-progress">
      <h2 id="live-title" className="panel-title">
        In progress
      </h2>
      {active.length > 0 && (
        <ul className="scan-rows">
          {active.map((s) => (
            <LiveScanRow key={s.id} scan={s} sourceLabel={label(s.sourceId)} />
          ))}
        </ul>
      )}
      {jobs.map((j) => (
        <div key={j.id} className="imaging-row" data-testid="imaging-row">
          <p className="scan-row-title">Image of {label(j.sourceId)}</p>
          <ImagingProgressView state={j} progress={j.progress} />
          {j.status === 'done' && j.imageSourceId && (
            <button type="button" className="btn btn-primary" onClick={() => j.imageSourceId && onScanImage(j.imageSourceId)}>
              Scan the image
            </button>
          )}
        </div>
      ))}
    </section>
  );
}

/** A scan in progress, its bar following the agent's progress events as they come. */
function LiveScanRow({ scan, sourceLabel }: { scan: ScanState; sourceLabel: string }) {
  const { client } = useAgent();
  return <ScanSummaryRow scan={useScanProgress(client, scan)} sourceLabel={sourceLabel} />;
}
