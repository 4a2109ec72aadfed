'use client';
import type { Source } from '@afterimage/contracts';
import { formatLabel } from '../lib/finding-labels';
import { formatBytes, formatCount, formatDuration } from '../lib/format';
import { readHealthView } from '../lib/read-health';
import { scanStats } from '../lib/scan-stats';
import type { LiveScan } from '../lib/use-scan-live';
import { ImageFirstPanel } from './image-first-panel';
import { Notice } from './notice';
import { ScanControls } from './scan-controls';

function took(startedAt: string | undefined, finishedAt: string | undefined): string | undefined {
  if (!startedAt || !finishedAt) return undefined;
  return formatDuration((Date.parse(finishedAt) - Date.parse(startedAt)) / 1000);
}

/** Needs imaging first: the agent stopped a device scan on read errors (rule 2 of DESIGN.md). */
function readErrorsStopped(live: LiveScan, source: Source | undefined): boolean {
  const state = live.state;
  return state?.status === 'failed' && (/read error/i.test(state.error ?? '') || /image of it first/i.test(state.error ?? '')) && source?.kind !== 'image';
}

interface Props {
  live: LiveScan;
  source: Source | undefined;
  onPause: () => void;
  onResume: () => void;
  onCancel: () => void;
  onScanSource: (sourceId: string) => void;
}

/** Step 2 of a scan: the live bar, bytes (a folder's files), speed, time left, findings by type, and the controls. */
export function ScanPanel({ live, source, onPause, onResume, onCancel, onScanSource }: Props) {
  const state = live.state;
  const status = state?.status;
  const stats = scanStats(live.progress, status === 'done');
  const found = Math.max(live.found, stats.found);
  const health = readHealthView(live.progress ?? state?.progress, source);
  const bad = health && health.badSectors > 0 ? ` · ${formatCount(health.badSectors)} bad sector${health.badSectors === 1 ? '' : 's'}` : '';
  const headline =
    status === 'running'
      ? `Scanning… ${formatCount(found)} found so far`
      : status === 'paused'
        ? `Paused at ${stats.percent}%: ${formatCount(found)} found so far`
        : status === 'done'
          ? `Scan finished in ${took(state?.startedAt, state?.finishedAt) ?? 'a moment'}: ${formatCount(found)} found${bad}`
          : status === 'cancelled'
            ? `Cancelled at ${stats.percent}%: ${formatCount(found)} found before it stopped`
            : status === 'failed'
              ? `The scan stopped at ${stats.percent}%`
              : 'Loading the scan…';
  return (
    <div className="scan-panel">
      <div className="progress" data-testid="scan-progress" data-phase={status === 'done' ? 'done' : (status ?? 'loading')}>
        <div className="progress-top">
          <p className="progress-status" data-testid="scan-status">
            {headline}
          </p>
          <p className="progress-pct">{stats.percent}%</p>
        </div>
        <div className="bar" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={stats.percent} aria-label="Scan progress">
          <div className={`bar-fill${status === 'done' ? ' is-done' : ''}${status === 'running' ? ' is-live' : ''}`} style={{ width: `${stats.percent}%` }} />
        </div>
      </div>
      <dl className="stats" data-testid="scan-stats">
        {stats.files ? (
          <div>
            <dt>Files</dt>
            <dd data-testid="stat-files" title={`${formatBytes(stats.bytesDone)} of ${formatBytes(stats.bytesTotal)}`}>
              {formatCount(stats.files.done)} of {formatCount(stats.files.total)}
            </dd>
          </div>
        ) : (
          <div>
            <dt>Read</dt>
            <dd data-testid="stat-bytes">
              {formatBytes(stats.bytesDone)} of {formatBytes(stats.bytesTotal)}
            </dd>
          </div>
        )}
        <div>
          <dt>Speed</dt>
          <dd data-testid="stat-rate">{stats.rate > 0 ? `${formatBytes(stats.rate)}/s` : '–'}</dd>
        </div>
        <div>
          <dt>{status === 'running' ? 'Time left' : 'Time'}</dt>
          <dd data-testid="stat-eta">{status === 'running' ? (stats.etaSeconds !== undefined ? `about ${formatDuration(stats.etaSeconds)}` : 'estimating…') : (took(state?.startedAt, state?.finishedAt) ?? '–')}</dd>
        </div>
        <div>
          <dt>Found</dt>
          <dd data-testid="stat-found">{formatCount(found)}</dd>
        </div>
        {health && health.badSectors > 0 && (
          <div>
            <dt>Bad sectors</dt>
            <dd data-testid="stat-bad-sectors" title={`${formatBytes(health.unreadableBytes)} could not be read`}>
              {formatCount(health.badSectors)}
            </dd>
          </div>
        )}
      </dl>
      {stats.byFormat.length > 0 && (
        <ul className="by-type" aria-label="Found by type" data-testid="found-by-type">
          {stats.byFormat.map(([format, n]) => (
            <li key={format} className="chip">
              {formatLabel(format)} {formatCount(n)}
            </li>
          ))}
        </ul>
      )}
      {health && (
        <Notice tone="info" title="Some of it could not be read" testId="scan-read-health">
          {health.sentences.map((sentence) => (
            <p key={sentence}>{sentence}</p>
          ))}
        </Notice>
      )}
      <ScanControls status={status} busy={live.busy} onPause={onPause} onResume={onResume} onCancel={onCancel} />
      {live.reconnecting && status === 'running' && <p className="field-help">The live progress dropped; reconnecting…</p>}
      {live.actionError && (
        <Notice tone="error" title="The agent refused." testId="scan-action-error">
          <p>{live.actionError}</p>
        </Notice>
      )}
      {status === 'failed' && (
        <Notice tone="error" title="The scan did not finish." testId="scan-error">
          <p>{state?.error ?? 'The agent did not say why.'}</p>
        </Notice>
      )}
      {(readErrorsStopped(live, source) || health?.imageFirst) && source && <ImageFirstPanel source={source} onScanImage={onScanSource} />}
    </div>
  );
}
