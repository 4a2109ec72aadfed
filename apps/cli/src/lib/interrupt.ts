/**
 * Runs `onFirst` at the first Ctrl-C (or SIGTERM) instead of ending the process, so a scan is paused
 * or an imaging stopped cleanly; a second Ctrl-C ends the command at once. Returns the undo.
 */
export function onInterrupt(onFirst: () => void, err: NodeJS.WritableStream): () => void {
  let seen = false;
  const handler = (signal: NodeJS.Signals) => {
    if (seen) {
      process.off('SIGINT', handler).off('SIGTERM', handler);
      process.kill(process.pid, signal);
      return;
    }
    seen = true;
    err.write('\nStopping… (Ctrl-C again to quit at once)\n');
    onFirst();
  };
  process.on('SIGINT', handler).on('SIGTERM', handler);
  return () => {
    process.off('SIGINT', handler).off('SIGTERM', handler);
  };
}
