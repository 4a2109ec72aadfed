'use client';
import { useCallback, useRef, useState } from 'react';

export interface PasswordRequest {
  /** The backup, as the person knows it (its label, or the path just typed). */
  label: string;
  /** Hands the password to the agent; throws its refusal (WRONG_PASSWORD keeps the prompt open). */
  unlock: (password: string) => Promise<void>;
}

export interface PendingPassword extends PasswordRequest {
  id: number;
}

/**
 * One password prompt for a page: `ask` opens it and resolves true once `unlock` succeeded, false
 * when the person cancelled. The password itself lives only in the prompt's field while it is open.
 */
export function usePasswordPrompt() {
  const [pending, setPending] = useState<PendingPassword>();
  const resolver = useRef<((ok: boolean) => void) | undefined>(undefined);
  const next = useRef(0);
  const ask = useCallback(
    (request: PasswordRequest) =>
      new Promise<boolean>((done) => {
        resolver.current?.(false);
        resolver.current = done;
        setPending({ ...request, id: ++next.current });
      }),
    [],
  );
  const finish = useCallback((ok: boolean) => {
    resolver.current?.(ok);
    resolver.current = undefined;
    setPending(undefined);
  }, []);
  return { ask, pending, finish };
}
