import type { ImagingProgress, ImagingState } from '@afterimage/contracts';
import { formatBytes, formatDuration } from '../lib/format';

const PHASE: Record<ImagingProgress['phase'], string> = {
  copying: 'Copying the good areas first',
  trimming: 'Trimming around bad areas',
  scraping: 'Reading bad areas sector by sector',
  retrying: 'Trying the bad sectors again',
  finished: 'Finished',
};

/** ddrescue's numbers in words: how much is safe in the image, what could not be read, the phase. */
export function ImagingProgressView({ state, progress }: { state: ImagingState | undefined; progress: ImagingProgress | undefined }) {
  const size = progress?.deviceSize ?? 0;
  const pct = size > 0 && progress ? Math.min(100, Math.floor(((progress.bytesRescued + progress.bytesBad) / size) * 100)) : 0;
  const done = state?.status === 'done';
  const left = progress && progress.ratePerSecond > 0 ? (progress.bytesNonTried + progress.nonTrimmed + progress.nonScraped) / progress.ratePerSecond : undefined;
  return (
    <div className="progress" data-testid="imaging-progress" data-status={state?.status ?? 'starting'}>
      <div className="progress-top">
        <p className="progress-status">{done ? 'Image finished' : state?.status === 'failed' ? 'Imaging stopped' : state?.status === 'cancelled' ? 'Imaging cancelled' : progress ? PHASE[progress.phase] : 'Starting…'}</p>
        <p className="progress-pct">{done ? 100 : pct}%</p>
      </div>
      <div className="bar" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={done ? 100 : pct} aria-label="Imaging progress">
        <div className={`bar-fill${done ? ' is-done' : ''}`} style={{ width: `${done ? 100 : pct}%` }} />
      </div>
      {progress && (
        <p className="progress-meta">
          {formatBytes(progress.bytesRescued)} copied of {formatBytes(size)}
          {progress.ratePerSecond > 0 && !done ? ` · ${formatBytes(progress.ratePerSecond)}/s` : ''}
          {left !== undefined && !done ? ` · about ${formatDuration(left)} left` : ''}
          {` · ${progress.bytesBad > 0 ? `${formatBytes(progress.bytesBad)} unreadable (${progress.errors} bad areas, zeros in the image)` : 'no unreadable sectors'}`}
        </p>
      )}
      {state && <p className="field-help">Image: {state.imagePath} · map: {state.mapPath}</p>}
      {state?.error && (
        <p className="field-error" role="alert">
          {state.error}
        </p>
      )}
    </div>
  );
}
