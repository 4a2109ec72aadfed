'use client';
import type { TrashItem } from '@afterimage/contracts';
import { useEffect, useRef, useState } from 'react';
import type { AgentClient } from '../../lib/agent-client';
import { formatBytes } from '../../lib/format';
import { fetchPreview, type TrashThumbState } from '../../lib/use-trash-previews';
import { FileTypeIcon } from './file-type-icon';
import { deletedWhen } from './trash-row';

interface Props {
  item: TrashItem;
  target: string;
  /** The list's thumbnail, shown until the larger one arrives. */
  thumb: TrashThumbState | undefined;
  client: AgentClient;
  restoring: boolean;
  onRestore: () => void;
  onClose: () => void;
}

/** One trashed item up close: a larger picture, what it is, where it was, and Restore. Esc closes it. */
export function TrashPreviewDialog({ item, target, thumb, client, restoring, onRestore, onClose }: Props) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [large, setLarge] = useState<TrashThumbState>({ status: 'loading' });
  useEffect(() => {
    const el = dialog.current;
    if (el && !el.open) el.showModal();
  }, []);
  useEffect(() => {
    let live = true;
    setLarge({ status: 'loading' });
    void fetchPreview(client, item, 'large').then((got) => live && setLarge(got ?? { status: 'none', reason: 'The agent did not answer; close this and try again.' }));
    return () => void (live = false);
  }, [client, item]);

  const shown = large.status === 'ready' ? large : thumb?.status === 'ready' ? thumb : undefined;
  const reason = large.status === 'none' ? large.reason : undefined;
  return (
    <dialog ref={dialog} className="trash-preview" aria-labelledby="trash-preview-title" onClose={onClose} data-testid="trash-preview">
      <header className="trash-preview-head">
        <h2 id="trash-preview-title" className="trash-preview-title" title={item.name}>
          {item.name}
        </h2>
        <button type="button" className="btn btn-quiet" onClick={() => dialog.current?.close()} aria-label="Close the preview" data-testid="trash-preview-close">
          Close
        </button>
      </header>
      <div className="trash-preview-body">
        <div className="trash-preview-image" data-status={large.status}>
          {shown ? (
            <img src={shown.src} alt={`Preview of ${item.name}`} width={shown.width} height={shown.height} data-testid="trash-preview-img" data-size={large.status === 'ready' ? 'large' : 'thumb'} />
          ) : (
            <div className="trash-preview-none">
              <FileTypeIcon item={item} />
              <p data-testid="trash-preview-reason">{reason ?? 'Loading the preview…'}</p>
            </div>
          )}
        </div>
        <dl className="trash-preview-facts" data-testid="trash-preview-facts">
          <dt>Deleted</dt>
          <dd>{deletedWhen(item.deletedAt)}</dd>
          <dt>Size</dt>
          <dd>{item.size !== undefined ? formatBytes(item.size) : 'unknown'}</dd>
          <dt>Was in</dt>
          <dd className="trash-preview-path">{item.path ?? 'unknown'}</dd>
          <dt>Target</dt>
          <dd>{target}</dd>
        </dl>
      </div>
      <footer className="trash-preview-foot">
        <p className="keep-muted">Restoring puts it back where it was, on {target}.</p>
        <button type="button" className="btn btn-primary" onClick={onRestore} disabled={restoring} data-testid="trash-preview-restore">
          {restoring ? 'Restoring…' : 'Restore'}
        </button>
      </footer>
    </dialog>
  );
}
