import { Notice } from './notice';

/** An encrypted backup whose password the agent forgot (it restarted): previews and recovery need it again. */
export function LockedSourceNotice({ label, onUnlock }: { label: string; onUnlock: () => void }) {
  return (
    <Notice tone="info" title="This backup is locked" testId="source-locked-notice">
      <p>
        The agent restarted since it was given the password of {label}, and it keeps passwords in memory only. Previews and recovery need the password again (recovering asks for it
        too).
      </p>
      <button type="button" className="btn btn-secondary btn-small" onClick={onUnlock} data-testid="unlock-button">
        Enter the password
      </button>
    </Notice>
  );
}
