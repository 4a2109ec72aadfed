'use client';
import { useEffect, useId, useRef, useState } from 'react';
import { plainError } from '../lib/agent-client';
import { serviceCode } from '../lib/service-code';
import type { PendingPassword } from '../lib/use-password-prompt';

const WRONG = 'That password does not open this backup. Check it (capitals count) and try again.';

/**
 * Asks for an encrypted backup's password in a modal dialog. The password is sent to the agent and
 * the field emptied at once: nothing keeps it in the browser (no storage, no address, no cookie).
 */
export function PasswordDialog({ request, agentUrl, onDone }: { request: PendingPassword; agentUrl: string; onDone: (ok: boolean) => void }) {
  const id = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  const input = useRef<HTMLInputElement>(null);
  const settled = useRef(false);
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string>();

  useEffect(() => {
    const el = dialog.current;
    if (el && !el.open) el.showModal();
  }, []);

  const settle = (ok: boolean) => {
    if (settled.current) return;
    settled.current = true;
    onDone(ok);
  };

  return (
    <dialog ref={dialog} className="password-dialog" aria-labelledby={`${id}-title`} aria-describedby={`${id}-text`} onClose={() => settle(false)} data-testid="password-dialog">
      <form
        className="password-form"
        onSubmit={async (e) => {
          e.preventDefault();
          if (!password || busy) return;
          const given = password;
          setPassword('');
          setBusy(true);
          setProblem(undefined);
          try {
            await request.unlock(given);
            settle(true);
          } catch (error) {
            setProblem(serviceCode(error) === 'WRONG_PASSWORD' ? WRONG : plainError(error, agentUrl));
            setBusy(false);
            input.current?.focus();
          }
        }}
      >
        <span className="lock-icon" aria-hidden />
        <h2 id={`${id}-title`} className="password-title">
          This backup is encrypted
        </h2>
        <p id={`${id}-text`} className="password-text">
          <strong className="password-what">{request.label}</strong> is protected by the backup password set in Finder or iTunes. It goes to the Afterimage agent on this computer, which
          keeps it in memory only: nothing saves it, and it is asked again after the agent restarts.
        </p>
        <label htmlFor={`${id}-password`} className="field-label">
          Backup password
        </label>
        <input
          ref={input}
          id={`${id}-password`}
          className="input"
          type="password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          autoComplete="off"
          spellCheck={false}
          autoFocus
          disabled={busy}
          aria-invalid={problem !== undefined}
          data-testid="password-input"
        />
        {problem && (
          <p className="field-error" role="alert" data-testid="password-error">
            {problem}
          </p>
        )}
        <div className="password-actions">
          <button type="button" className="btn btn-secondary" onClick={() => dialog.current?.close()} data-testid="password-cancel">
            Cancel
          </button>
          <button type="submit" className="btn btn-primary" disabled={busy || !password} data-testid="password-submit">
            {busy ? 'Opening the backup…' : 'Unlock'}
          </button>
        </div>
      </form>
    </dialog>
  );
}
