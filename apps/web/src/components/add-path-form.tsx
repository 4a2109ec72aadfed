import { useId, useState } from 'react';

interface Props {
  label: string;
  placeholder: string;
  button: string;
  help: string;
  /** Prefix of the test ids: `<testId>-input`, `<testId>-error`. */
  testId: string;
  /** Adds the path; resolves with a sentence saying why not, or undefined when it was added. */
  onAdd: (path: string) => Promise<string | undefined>;
}

/** A path typed in and handed to the agent (an image, a backup folder): the agent opens it read-only. */
export function AddPathForm({ label, placeholder, button, help, testId, onAdd }: Props) {
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
      data-testid={`${testId}-form`}
    >
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      <div className="recover-row">
        <input id={id} className="input" type="text" value={path} onChange={(e) => setPath(e.target.value)} placeholder={placeholder} spellCheck={false} autoComplete="off" data-testid={`${testId}-input`} />
        <button type="submit" className="btn btn-secondary" disabled={busy || !path.trim()} data-testid={`${testId}-button`}>
          {busy ? 'Adding…' : button}
        </button>
      </div>
      <p className="field-help">{help}</p>
      {problem && (
        <p className="field-error" role="alert" data-testid={`${testId}-error`}>
          {problem}
        </p>
      )}
    </form>
  );
}
