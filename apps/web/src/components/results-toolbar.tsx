'use client';
import type { FindingSort } from '@afterimage/contracts';
import { useId } from 'react';
import { formatCount } from '../lib/format';
import type { Results } from '../lib/use-results';

const SORTS: { value: FindingSort; label: string }[] = [
  { value: 'offset', label: 'Where on the card' },
  { value: 'takenAt', label: 'Date taken' },
  { value: 'name', label: 'Name' },
  { value: 'size', label: 'Size' },
  { value: 'format', label: 'Type' },
];

interface Props {
  results: Results;
  total: number | undefined;
  filtersOpen: boolean;
  activeFilters: number;
  onToggleFilters: () => void;
  onSelectAll: () => void;
  onSelectNone: () => void;
}

/** How many match, how many are chosen, the sort, and the selection buttons. */
export function ResultsToolbar({ results, total, filtersOpen, activeFilters, onToggleFilters, onSelectAll, onSelectNone }: Props) {
  const id = useId();
  const { sort, setSort, selection, chosen } = results;
  const allMatching = selection.kind === 'matching' && selection.except.size === 0;
  return (
    <div className="toolbar">
      <div className="toolbar-counts">
        <p className="toolbar-total" data-testid="results-count" data-total={total ?? ''}>
          {total === undefined ? 'Loading…' : `${formatCount(total)} ${total === 1 ? 'photo' : 'photos'}${activeFilters > 0 ? (total === 1 ? ' matches' : ' match') : ''}`}
        </p>
        <p className="toolbar-chosen" data-testid="selection-count" data-chosen={chosen} aria-live="polite">
          {allMatching && total ? `All ${formatCount(chosen)} chosen` : `${formatCount(chosen)} chosen`}
        </p>
      </div>
      <div className="toolbar-actions">
        <button type="button" className="btn btn-secondary btn-small" aria-expanded={filtersOpen} onClick={onToggleFilters} data-testid="filters-toggle">
          {filtersOpen ? 'Hide filters' : `Filters${activeFilters > 0 ? ` (${activeFilters})` : ''}`}
        </button>
        <label htmlFor={`${id}-sort`} className="sr-only">
          Sort by
        </label>
        <select id={`${id}-sort`} className="input input-plain input-sort" value={sort.sort} onChange={(e) => setSort({ ...sort, sort: e.target.value as FindingSort })} data-testid="sort">
          {SORTS.map((s) => (
            <option key={s.value} value={s.value}>
              Sort: {s.label}
            </option>
          ))}
        </select>
        <button type="button" className="btn btn-secondary btn-small" onClick={() => setSort({ ...sort, descending: !sort.descending })} aria-label={sort.descending ? 'Descending; change to ascending' : 'Ascending; change to descending'} data-testid="sort-direction">
          {sort.descending ? '↓' : '↑'}
        </button>
        <button type="button" className="btn btn-quiet btn-small" onClick={onSelectAll} disabled={allMatching || !total} data-testid="select-all">
          Choose all that match
        </button>
        <button type="button" className="btn btn-quiet btn-small" onClick={onSelectNone} disabled={chosen === 0} data-testid="select-none">
          Clear choice
        </button>
      </div>
    </div>
  );
}
