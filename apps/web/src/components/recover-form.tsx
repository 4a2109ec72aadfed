import { useId } from 'react';
import { formatCount } from '../lib/format';

/** The destination folder and the button; the agent refuses a folder on the source and says so. */
export function RecoverForm({ destination, onDestination, count, busy, onRecover }: { destination: string; onDestination: (v: string) => void; count: number; busy: boolean; onRecover: () => void }) {
  const id = useId();
  const absolute = destination.startsWith('/') || /^[A-Za-z]:[\\/]/.test(destination);
  const problem = destination.trim() === '' ? 'Choose a folder to save the photos in.' : !absolute ? 'Give a full path, starting with /.' : undefined;
  return (
    <form
      className="recover-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (!problem && count > 0) onRecover();
      }}
    >
      <label htmlFor={id} className="field-label">
        Save recovered photos in
      </label>
      <div className="recover-row">
        <input id={id} className="input" type="text" value={destination} onChange={(e) => onDestination(e.target.value)} spellCheck={false} autoComplete="off" placeholder="/media/you/Other drive/Recovered" disabled={busy} data-testid="destination-input" />
        <button type="submit" className="btn btn-primary" disabled={busy || count === 0 || problem !== undefined} data-testid="recover-button">
          {busy ? 'Recovering…' : count === 0 ? 'Nothing chosen' : `Recover ${formatCount(count)} ${count === 1 ? 'photo' : 'photos'}`}
        </button>
      </div>
      <p className="field-help">
        {problem ?? 'Use a different drive from the one you are recovering from (Afterimage refuses to write to it). Each copy is read back and its SHA-256 checked before it counts as recovered.'}
      </p>
    </form>
  );
}
