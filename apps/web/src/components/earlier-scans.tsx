import type { ScanState, Source } from '@afterimage/contracts';
import { useState } from 'react';
import { ScanSummaryRow } from './scan-summary-row';

const FIRST = 6;

/** Finished scans, newest first: their results stay in the agent and can be opened again. */
export function EarlierScans({ scans, sources }: { scans: ScanState[]; sources: Source[] }) {
  const [all, setAll] = useState(false);
  const finished = scans.filter((s) => s.status !== 'running' && s.status !== 'paused');
  if (finished.length === 0) return null;
  const shown = all ? finished : finished.slice(0, FIRST);
  const label = (id: string) => sources.find((s) => s.id === id)?.label ?? id;
  return (
    <section className="panel" aria-labelledby="earlier-title" data-testid="earlier-scans">
      <h2 id="earlier-title" className="panel-title">
        Earlier scans
      </h2>
      <ul className="scan-rows">
        {shown.map((s) => (
          <ScanSummaryRow key={s.id} scan={s} sourceLabel={label(s.sourceId)} />
        ))}
      </ul>
      {finished.length > FIRST && (
        <button type="button" className="btn btn-quiet" onClick={() => setAll(!all)}>
          {all ? 'Show fewer' : `Show all ${finished.length}`}
        </button>
      )}
    </section>
  );
}
