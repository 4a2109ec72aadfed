'use client';
import type { Finding } from '@afterimage/contracts';
import { useEffect, useRef } from 'react';
import { formatCount } from '../lib/format';
import type { Thumb } from '../lib/use-thumbnails';
import { FindingFacts, type LivePartner } from './finding-facts';

interface Props {
  index: number;
  total: number;
  finding: Finding | undefined;
  thumb: Thumb | undefined;
  selected: boolean;
  /** Shown instead of the list's item: the other half of a Live Photo the list does not hold in view. */
  outsideList?: boolean;
  partner?: LivePartner | undefined;
  onToggle: () => void;
  onMove: (index: number) => void;
  onClose: () => void;
}

/** The details of one finding in a modal dialog: preview, facts, choose it, step to the next with ← →. */
export function FindingPreview({ index, total, finding, thumb, selected, outsideList, partner, onToggle, onMove, onClose }: Props) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const el = dialog.current;
    if (el && !el.open) el.showModal();
  }, []);
  return (
    <dialog
      ref={dialog}
      className="preview"
      aria-labelledby="preview-title"
      onClose={onClose}
      onKeyDown={(e) => {
        if (e.target instanceof HTMLInputElement) return;
        if (e.key === 'ArrowLeft' && index > 0) onMove(index - 1);
        if (e.key === 'ArrowRight' && index < total - 1) onMove(index + 1);
      }}
      data-testid="finding-preview"
    >
      <header className="preview-head">
        <h2 id="preview-title" className="preview-title">
          {finding?.name ?? 'Loading…'}
        </h2>
        <p className="preview-count">
          {outsideList ? 'The other half of a Live Photo' : `${formatCount(index + 1)} of ${formatCount(total)}`}
        </p>
        <button type="button" className="btn btn-quiet" onClick={() => dialog.current?.close()} aria-label="Close the details" data-testid="preview-close">
          Close
        </button>
      </header>
      <div className="preview-body">
        <div className="preview-image">
          {thumb?.status === 'ready' ? <img src={thumb.src} alt={finding ? `Preview of ${finding.name}` : ''} /> : <span className="thumb-none">{thumb?.status === 'none' ? 'No preview can be made of this file.' : 'Loading the preview…'}</span>}
        </div>
        {finding && <FindingFacts finding={finding} partner={partner} />}
      </div>
      <footer className="preview-foot">
        <button type="button" className="btn btn-secondary" disabled={index <= 0 && !outsideList} onClick={() => onMove(outsideList ? index : index - 1)}>
          ← Previous
        </button>
        <label className="option">
          <input type="checkbox" checked={selected} onChange={onToggle} disabled={!finding} data-testid="preview-select" />
          <span>Recover this one</span>
        </label>
        <button type="button" className="btn btn-secondary" disabled={index >= total - 1} onClick={() => onMove(index + 1)}>
          Next →
        </button>
      </footer>
    </dialog>
  );
}
