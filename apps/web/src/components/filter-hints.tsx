'use client';
import type { FindingFacets } from '@afterimage/contracts';
import { formatBytes, formatCount, formatTakenAt } from '../lib/format';

const CAMERAS_SHOWN = 6;

/** "Canon Canon EOS R6" (make, then a model that names it again) shown as "Canon EOS R6". */
const cameraLabel = (camera: string) => camera.replace(/^(\S+)\s+(?=\1\b)/i, '');

/** Under the dates: the span the photos were taken in, and how many carry no date (no date filter finds them). */
export function DateHint({ facets }: { facets: FindingFacets | undefined }) {
  if (!facets) return null;
  const { min, max, withDate, withoutDate } = facets.takenAt;
  const from = formatTakenAt(min)?.split(',')[0];
  const to = formatTakenAt(max)?.split(',')[0];
  return (
    <p className="field-help" data-testid="filter-dates-hint">
      {withDate > 0 && from && to ? `${from === to ? `All on ${from}` : `From ${from} to ${to}`} (${formatCount(withDate)})` : 'No dates taken.'}
      {withDate > 0 && withoutDate > 0 ? `; ${formatCount(withoutDate)} without a date.` : ''}
    </p>
  );
}

/** Under the sizes: the smallest and largest of what the other filters leave. */
export function SizeHint({ facets }: { facets: FindingFacets | undefined }) {
  if (facets?.size.min === undefined || facets.size.max === undefined) return null;
  return (
    <p className="field-help" data-testid="filter-sizes-hint">
      {facets.size.min === facets.size.max ? `All ${formatBytes(facets.size.min)}.` : `From ${formatBytes(facets.size.min)} to ${formatBytes(facets.size.max)}.`}
    </p>
  );
}

/** The most common cameras, each a click away from being the camera filter, with how many it took. */
export function CameraHints({ facets, chosen, onPick }: { facets: FindingFacets | undefined; chosen: string; onPick: (camera: string) => void }) {
  if (!facets || facets.cameras.length === 0) return null;
  const more = facets.cameras.length - CAMERAS_SHOWN + facets.camerasOmitted;
  return (
    <ul className="camera-hints" aria-label="Cameras" data-testid="filter-cameras">
      {facets.cameras.slice(0, CAMERAS_SHOWN).map((c) => {
        const on = chosen.trim().toLowerCase() === c.value.toLowerCase();
        return (
          <li key={c.value}>
            <button type="button" className={`chip-toggle${on ? ' is-on' : ''}`} aria-pressed={on} onClick={() => onPick(on ? '' : c.value)} data-testid="filter-camera-choice" data-camera={c.value} data-count={c.count}>
              <span>{cameraLabel(c.value)}</span>
              <span className="chip-count">{formatCount(c.count)}</span>
            </button>
          </li>
        );
      })}
      {more > 0 && <li className="field-help">and {formatCount(more)} more</li>}
      {facets.withoutCamera > 0 && <li className="field-help">{formatCount(facets.withoutCamera)} with no camera named</li>}
    </ul>
  );
}
