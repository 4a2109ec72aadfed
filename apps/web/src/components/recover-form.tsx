import { useId } from 'react';
import { plural } from '../lib/format';

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
        <input id={id} className="input" type="text" value={destination} onChange={(e) => onDestination(e.target.value)} spellCheck={false} autoComplete="off" placeholder="/home/you/Pictures/Recovered" data-testid="destination-input" />
        <button type="submit" className="btn btn-primary" disabled={busy || count === 0 || problem !== undefined} data-testid="recover-button">
          {busy ? 'Recovering…' : count === 0 ? 'Nothing selected' : `Recover ${plural(count, 'photo')}`}
        </button>
      </div>
      <p className="field-help">{problem ?? 'Use a different disk from the one you are recovering from. Each copy is read back and checked against its SHA-256 before it counts as recovered.'}</p>
    </form>
  );
}
