import type { Source } from '@afterimage/contracts';
import { useId } from 'react';
import { formatBytes } from '../lib/format';
import { Notice } from './notice';

export interface ScanOptions {
  includeLive: boolean;
  keepCorrupt: boolean;
}

/** What a scan of this source does, in a sentence. */
function whatItReads(source: Source) {
  if (source.kind === 'folder' && source.folderKind === 'iphone-backup') {
    return (
      <>
        Reads the camera roll kept in <strong>{source.label}</strong>: every photo and video, those in Recently Deleted marked with the day the phone erases them, Live Photos kept
        together, all under the phone’s own names. The backup folder is only read.
        {source.needsPassword ? ' It is encrypted, and the agent asks for its password again (it restarted since): you will be asked for it.' : ''}
      </>
    );
  }
  if (source.kind === 'folder') {
    return (
      <>
        Looks through <strong>{source.label}</strong> and its folders for what Android’s trash, Android’s unfinished files and the Windows Recycle Bin kept, and gives each back under its
        real name. The folder is only read.
      </>
    );
  }
  return (
    <>
      Reads <strong>{source.label}</strong>
      {source.sizeBytes > 0 ? ` (${formatBytes(source.sizeBytes)})` : ''} from start to end, looking for photos and videos by their filesystem entries and by their content. Nothing is written to
      it.
    </>
  );
}

/** Step 2 before a scan: what will be read, two options (disks only), and the button. */
export function ScanStart({ source, options, onOptions, starting, error, onStart }: { source: Source | undefined; options: ScanOptions; onOptions: (o: ScanOptions) => void; starting: boolean; error: string | undefined; onStart: () => void }) {
  const id = useId();
  return (
    <div className="scan-start">
      {source ? (
        <p className="scan-start-what" data-testid="scan-target">
          {whatItReads(source)}
        </p>
      ) : (
        <Notice tone="empty">
          <p>Pick a card, a drive, an image or a backup above first.</p>
        </Notice>
      )}
      {source?.kind !== 'folder' && (
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
      )}
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
