import type { Finding } from '@afterimage/contracts';
import { memo, type MouseEvent } from 'react';
import { formatBytes, formatCamera, formatTakenAt } from '../lib/format';
import { originWords, STATE_HINT, STATE_LABEL } from '../lib/finding-labels';
import { trashBadge, trashSentence } from '../lib/trash-labels';
import type { Thumb } from '../lib/use-thumbnails';

interface Props {
  index: number;
  /** 1-based column, for assistive technology. */
  column: number;
  finding: Finding | undefined;
  thumb: Thumb | undefined;
  selected: boolean;
  active: boolean;
  width: number;
  onPick: (index: number, event: MouseEvent) => void;
  onOpen: (index: number) => void;
}

/**
 * One cell of the results grid: the preview (with what trash kept it and whether it is half of a Live
 * Photo), name, date, size, camera, state; a placeholder until its page arrives.
 */
export const FindingCell = memo(function FindingCell({ index, column, finding, thumb, selected, active, width, onPick, onOpen }: Props) {
  const common = { id: `finding-cell-${index}`, role: 'gridcell', style: { width }, 'aria-colindex': column };
  if (!finding) {
    return <div {...common} className="cell is-pending" aria-busy data-testid="finding-pending" data-index={index} />;
  }
  const taken = formatTakenAt(finding.metadata.takenAt);
  const camera = formatCamera(finding.metadata.make, finding.metadata.model);
  const state = finding.validation.state;
  const origin = originWords(finding);
  const now = Date.now();
  return (
    <div
      {...common}
      className={`cell${selected ? ' is-selected' : ''}${active ? ' is-active' : ''}`}
      aria-selected={selected}
      aria-label={[finding.name, STATE_LABEL[state], finding.trash && trashBadge(finding.trash, now), finding.livePhotoPair && 'Live Photo', selected && 'selected'].filter(Boolean).join(', ')}
      data-testid="finding-card"
      data-index={index}
      data-finding-id={finding.id}
      data-origin={finding.origin}
      data-validation={state}
      data-format={finding.format}
      data-selected={selected}
      data-trash={finding.trash?.by}
      data-live-pair={finding.livePhotoPair}
      onClick={(e) => onPick(index, e)}
      onDoubleClick={() => onOpen(index)}
    >
      <div className="thumb" data-testid="finding-thumb" data-state={thumb?.status ?? 'loading'}>
        {thumb?.status === 'ready' ? (
          <img src={thumb.src} alt="" draggable={false} />
        ) : thumb?.status === 'none' ? (
          <span className="thumb-none">No preview</span>
        ) : (
          <span className="thumb-loading" aria-hidden />
        )}
        <span className={`check${selected ? ' is-on' : ''}`} aria-hidden data-testid="finding-checkbox" />
        {finding.livePhotoPair && (
          <span className="live-badge" title="Half of a Live Photo: the still and its movie are chosen together" data-testid="finding-live">
            Live
          </span>
        )}
        {finding.trash && (
          <span className={`trash-strip trash-${finding.trash.by}`} title={trashSentence(finding.trash, now)} data-testid="finding-trash">
            {trashBadge(finding.trash, now)}
          </span>
        )}
        <button
          type="button"
          className="cell-open"
          tabIndex={-1}
          aria-label={`Details of ${finding.name}`}
          onClick={(e) => {
            e.stopPropagation();
            onOpen(index);
          }}
          data-testid="finding-open"
        >
          i
        </button>
      </div>
      <div className="cell-body">
        <p className="cell-name" title={finding.originalPath ?? finding.name} data-testid="finding-name">
          {finding.name}
        </p>
        <p className="cell-meta" data-testid="finding-taken">
          {taken ?? 'Date unknown'} · {formatBytes(finding.size)}
        </p>
        <p className="cell-meta" data-testid="finding-camera">
          {camera ?? 'Camera unknown'}
        </p>
        <p className="badges">
          <span className={`badge badge-${state}`} title={finding.validation.reasons.join('; ') || STATE_HINT[state]} data-testid="finding-validation">
            {STATE_LABEL[state]}
          </span>
          <span className={`badge badge-origin-${finding.origin}`} title={origin.hint} data-testid="finding-origin">
            {origin.short}
          </span>
        </p>
      </div>
    </div>
  );
});
