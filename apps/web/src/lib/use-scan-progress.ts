'use client';
import type { ScanEvent, ScanProgress, ScanState } from '@afterimage/contracts';
import { useEffect, useState } from 'react';
import type { AgentClient } from './agent-client';

const DRAW_EVERY_MS = 250;

/** Findings so far by the progress's tally by type. */
const tallied = (progress: ScanProgress) => Object.values(progress.findingsByFormat).reduce((a, b) => a + b, 0);

/**
 * A running scan kept live for a page that only shows how far it is (the Recover page's "In
 * progress"): scans.events without findings (progress and the end only, however many it finds),
 * drawn at most four times a second. Other scans are given back as they are.
 */
export function useScanProgress(client: AgentClient, scan: ScanState): ScanState {
  const [live, setLive] = useState<{ progress?: ScanProgress; end?: ScanState }>({});
  const running = scan.status === 'running';

  useEffect(() => {
    if (!running) return;
    let pending: { progress?: ScanProgress; end?: ScanState } = {};
    let timer: ReturnType<typeof setTimeout> | undefined;
    const draw = () => {
      timer = undefined;
      const next = pending;
      pending = {};
      setLive((now) => ({ progress: next.progress ?? now.progress, end: next.end ?? now.end }));
    };
    const subscription = client.scans.events.subscribe(
      { scanId: scan.id, findings: false },
      {
        onData: ({ data }: { data: ScanEvent }) => {
          if (data.type === 'progress') pending.progress = data.progress;
          else if (data.type === 'done') pending.end = data.state;
          if (!timer) timer = setTimeout(draw, data.type === 'done' ? 0 : DRAW_EVERY_MS);
        },
      },
    );
    return () => {
      subscription.unsubscribe();
      clearTimeout(timer);
    };
  }, [client, scan.id, running]);

  if (!running) return scan;
  if (live.end) return live.end;
  const progress = live.progress && live.progress.bytesDone >= scan.progress.bytesDone ? live.progress : scan.progress;
  return { ...scan, progress, findingCount: Math.max(scan.findingCount, tallied(progress)) };
}
