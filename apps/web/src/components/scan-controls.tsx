'use client';
import type { ScanStatus } from '@afterimage/contracts';
import { useState } from 'react';

/** Pause, resume and cancel; cancelling asks once more, as it cannot be undone. */
export function ScanControls({ status, busy, onPause, onResume, onCancel }: { status: ScanStatus | undefined; busy: string | undefined; onPause: () => void; onResume: () => void; onCancel: () => void }) {
  const [confirming, setConfirming] = useState(false);
  if (status !== 'running' && status !== 'paused') return null;
  if (confirming) {
    return (
      <div className="controls" role="group" aria-label="Cancel the scan?">
        <span className="controls-ask">Stop this scan for good? What it found stays.</span>
        <button
          type="button"
          className="btn btn-danger btn-small"
          disabled={busy !== undefined}
          onClick={() => {
            setConfirming(false);
            onCancel();
          }}
          data-testid="scan-cancel-confirm"
        >
          Yes, cancel it
        </button>
        <button type="button" className="btn btn-secondary btn-small" onClick={() => setConfirming(false)}>
          Keep it
        </button>
      </div>
    );
  }
  return (
    <div className="controls" role="group" aria-label="Scan controls">
      {status === 'running' ? (
        <button type="button" className="btn btn-secondary btn-small" disabled={busy !== undefined} onClick={onPause} data-testid="scan-pause">
          {busy === 'pause' ? 'Pausing…' : 'Pause'}
        </button>
      ) : (
        <button type="button" className="btn btn-primary btn-small" disabled={busy !== undefined} onClick={onResume} data-testid="scan-resume">
          {busy === 'resume' ? 'Resuming…' : 'Resume'}
        </button>
      )}
      <button type="button" className="btn btn-quiet btn-small" disabled={busy !== undefined} onClick={() => setConfirming(true)} data-testid="scan-cancel">
        {busy === 'cancel' ? 'Cancelling…' : 'Cancel scan'}
      </button>
    </div>
  );
}
