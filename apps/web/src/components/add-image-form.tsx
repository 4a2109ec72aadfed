import { useId, useState } from 'react';

/** Adds a disk image (or a device path) the agent can open read-only. */
export function AddImageForm({ onAdd }: { onAdd: (path: string) => Promise<string | undefined> }) {
  const id = useId();
  const [path, setPath] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string>();
  return (
    <form
      className="add-image"
      onSubmit={async (e) => {
        e.preventDefault();
        if (!path.trim()) return;
        setBusy(true);
        const error = await onAdd(path.trim());
        setBusy(false);
        setProblem(error);
        if (!error) setPath('');
      }}
    >
      <label htmlFor={id} className="field-label">
        Add a disk image
      </label>
      <div className="recover-row">
        <input id={id} className="input" type="text" value={path} onChange={(e) => setPath(e.target.value)} placeholder="/path/to/card.img" spellCheck={false} autoComplete="off" data-testid="add-image-input" />
        <button type="submit" className="btn btn-secondary" disabled={busy || !path.trim()}>
          {busy ? 'Adding…' : 'Add image'}
        </button>
      </div>
      <p className="field-help">A raw image (.img, .dd, .iso, .dmg), or the first piece of a split set (.001). It is opened read-only.</p>
      {problem && (
        <p className="field-error" role="alert" data-testid="add-image-error">
          {problem}
        </p>
      )}
    </form>
  );
}
