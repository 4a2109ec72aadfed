import type { Finding } from '@afterimage/contracts';
import { memo, type MouseEvent } from 'react';
import { formatBytes, formatCamera, formatTakenAt } from '../lib/format';
import { ORIGIN_HINT, ORIGIN_SHORT, STATE_HINT, STATE_LABEL } from '../lib/finding-labels';
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

/** One cell of the results grid: the preview, name, date, size, camera, state; a placeholder until its page arrives. */
export const FindingCell = memo(function FindingCell({ index, column, finding, thumb, selected, active, width, onPick, onOpen }: Props) {
  const common = { id: `finding-cell-${index}`, role: 'gridcell', style: { width }, 'aria-colindex': column };
  if (!finding) {
    return <div {...common} className="cell is-pending" aria-busy data-testid="finding-pending" data-index={index} />;
  }
  const taken = formatTakenAt(finding.metadata.takenAt);
  const camera = formatCamera(finding.metadata.make, finding.metadata.model);
  const state = finding.validation.state;
  return (
    <div
      {...common}
      className={`cell${selected ? ' is-selected' : ''}${active ? ' is-active' : ''}`}
      aria-selected={selected}
      aria-label={`${finding.name}, ${STATE_LABEL[state]}${selected ? ', selected' : ''}`}
      data-testid="finding-card"
      data-index={index}
      data-finding-id={finding.id}
      data-origin={finding.origin}
      data-validation={state}
      data-format={finding.format}
      data-selected={selected}
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
          <span className={`badge badge-origin-${finding.origin}`} title={ORIGIN_HINT[finding.origin]} data-testid="finding-origin">
            {ORIGIN_SHORT[finding.origin]}
          </span>
        </p>
      </div>
    </div>
  );
});
