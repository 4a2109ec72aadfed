import type { Source } from '@afterimage/contracts';
import { useId } from 'react';
import { formatBytes } from '../lib/format';
import { Notice } from './notice';

export interface ScanOptions {
  includeLive: boolean;
  keepCorrupt: boolean;
}

/** Step 2 before a scan: what will be read, two options, and the button. */
export function ScanStart({ source, options, onOptions, starting, error, onStart }: { source: Source | undefined; options: ScanOptions; onOptions: (o: ScanOptions) => void; starting: boolean; error: string | undefined; onStart: () => void }) {
  const id = useId();
  return (
    <div className="scan-start">
      {source ? (
        <p className="scan-start-what" data-testid="scan-target">
          Reads <strong>{source.label}</strong>
          {source.sizeBytes > 0 ? ` (${formatBytes(source.sizeBytes)})` : ''} from start to end, looking for photos and videos by their filesystem entries and by their content. Nothing is written
          to it.
        </p>
      ) : (
        <Notice tone="empty">
          <p>Pick a card, a drive or an image above first.</p>
        </Notice>
      )}
      <fieldset className="options">
        <legend className="sr-only">Scan options</legend>
        <label htmlFor={`${id}-live`} className="option">
          <input id={`${id}-live`} type="checkbox" checked={options.includeLive} onChange={(e) => onOptions({ ...options, includeLive: e.target.checked })} data-testid="option-include-live" />
          <span>Also list the files that were never deleted</span>
        </label>
        <label htmlFor={`${id}-corrupt`} className="option">
          <input id={`${id}-corrupt`} type="checkbox" checked={options.keepCorrupt} onChange={(e) => onOptions({ ...options, keepCorrupt: e.target.checked })} />
          <span>Keep the rest of a damaged file after the point where it breaks</span>
        </label>
      </fieldset>
      <div className="scan-start-actions">
        <button type="button" className="btn btn-primary btn-large" disabled={!source || starting} onClick={onStart} data-testid="scan-button">
          {starting ? 'Starting…' : 'Scan'}
        </button>
      </div>
      {error && (
        <Notice tone="error" title="The scan could not start." testId="scan-start-error">
          <p>{error}</p>
        </Notice>
      )}
    </div>
  );
}
