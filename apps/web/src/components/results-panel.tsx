'use client';
import type { Finding, ScanStatus } from '@afterimage/contracts';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useAgent } from '../lib/agent-context';
import { activeFilterCount, EMPTY_FILTER } from '../lib/filter-model';
import { fetchPartner } from '../lib/live-partner';
import { ALL_MATCHING, isSelected, NOTHING, setChosen, toggleTogether } from '../lib/selection';
import type { Results } from '../lib/use-results';
import { useThumbnails } from '../lib/use-thumbnails';
import { FilterPanel } from './filter-panel';
import { FindingGrid } from './finding-grid';
import { FindingPreview } from './finding-preview';
import { Notice } from './notice';
import { ResultsToolbar } from './results-toolbar';

interface Props {
  scanId: string;
  results: Results;
  status: ScanStatus | undefined;
  formats: [string, number][];
  /** Changes when the previews should be asked for again (an encrypted backup was unlocked). */
  previewsKey?: number;
}

/** A finding and the other half of its Live Photo: chosen or left out together. */
const together = (f: Finding) => (f.livePhotoPair ? [f.id, f.livePhotoPair] : [f.id]);

/** Step 3: filters beside a windowed grid of what was found, the selection, and the details dialog. */
export function ResultsPanel({ scanId, results, status, formats, previewsKey = 0 }: Props) {
  const { client } = useAgent();
  const { pages, selection, setSelection, form, setForm } = results;
  const total = pages.total ?? 0;
  const [active, setActive] = useState<number>();
  const [previewOpen, setPreviewOpen] = useState(false);
  const [visible, setVisible] = useState<string[]>([]);
  const [outside, setOutside] = useState<Finding>();
  const [filtersOpen, setFiltersOpen] = useState(true);
  const anchor = useRef<number | undefined>(undefined);
  const thumb = useThumbnails(client, scanId, outside ? [...visible, outside.id] : visible, previewsKey);

  // Filters start folded away on a phone-sized window.
  useEffect(() => setFiltersOpen(window.matchMedia('(min-width: 900px)').matches), []);
  // A new filter or sort is a new list: the active cell and range anchor start over.
  useEffect(() => {
    setActive(undefined);
    anchor.current = undefined;
  }, [pages.key]);

  const { get, range } = pages;
  const onPick = useCallback(
    (index: number, extend: boolean) => {
      const finding = get(index);
      if (!finding) return;
      const from = anchor.current;
      if (extend && from !== undefined && from !== index) {
        const on = !isSelected(selection, finding.id);
        const [a, b] = from < index ? [from, index] : [index, from];
        void range(a, b + 1).then((found) => setSelection((s) => setChosen(s, found.map((f) => f.id), on)));
      } else {
        setSelection((s) => toggleTogether(s, together(finding)));
      }
      anchor.current = index;
    },
    [get, range, selection, setSelection],
  );
  const onExtend = useCallback(
    (from: number, to: number) => {
      const [a, b] = from < to ? [from, to] : [to, from];
      anchor.current = to;
      void range(a, b + 1).then((found) => setSelection((s) => setChosen(s, found.map((f) => f.id), true)));
    },
    [range, setSelection],
  );
  const onOpen = useCallback((index: number) => {
    setActive(index);
    setOutside(undefined);
    setPreviewOpen(true);
  }, []);
  const { find } = pages;
  const moveTo = useCallback((index: number) => {
    setOutside(undefined);
    setActive(index);
  }, []);
  /** The other half of a Live Photo: where it is in the list, else fetched and shown on its own. */
  const showPartner = useCallback(
    async (finding: Finding) => {
      const id = finding.livePhotoPair;
      const here = id ? find(id) : undefined;
      if (here) return moveTo(here.index);
      const partner = await fetchPartner(client, scanId, finding).catch(() => undefined);
      if (partner) setOutside(partner);
    },
    [client, scanId, find, moveTo],
  );
  const selectAll = useCallback(() => setSelection(ALL_MATCHING), [setSelection]);
  const chosen = useCallback((id: string) => isSelected(selection, id), [selection]);

  const previewed = previewOpen && active !== undefined ? (outside ?? get(active)) : undefined;
  const partnerId = previewed?.livePhotoPair;
  const partner = previewed && partnerId ? { name: find(partnerId)?.finding.name ?? (outside?.id === partnerId ? outside.name : undefined), onShow: () => void showPartner(previewed) } : undefined;
  const filters = activeFilterCount(form);

  return (
    <div className={`results${filtersOpen ? ' filters-open' : ''}`}>
      <ResultsToolbar
        results={results}
        total={pages.total}
        filtersOpen={filtersOpen}
        activeFilters={filters}
        onToggleFilters={() => setFiltersOpen(!filtersOpen)}
        onSelectAll={selectAll}
        onSelectNone={() => setSelection(NOTHING)}
      />
      <div className="results-body">
        {filtersOpen && <FilterPanel form={form} onChange={setForm} formats={formats} facets={results.facets} trashKinds={results.trashKinds} />}
        <div className="results-main">
          {pages.error && (
            <Notice tone="error" title="The results could not be loaded." testId="results-error">
              <p>{pages.error}</p>
            </Notice>
          )}
          {pages.total === undefined && !pages.error && <div className="grid-loading" aria-busy data-testid="results-loading" />}
          {pages.total === 0 &&
            (filters > 0 ? (
              <Notice tone="empty" title="Nothing matches these filters." testId="results-empty">
                <button type="button" className="btn btn-quiet" onClick={() => setForm(EMPTY_FILTER)}>
                  Clear the filters
                </button>
              </Notice>
            ) : status === 'running' ? (
              <Notice tone="empty" testId="results-empty">
                <p>Looking… the first photos will show up here as soon as they are found.</p>
              </Notice>
            ) : (
              <Notice tone="empty" title="No photos or videos were found." testId="findings-empty">
                <p>Nothing was found in the deleted entries or in the free space of this source. If it is a card that was used again after the photos were lost, they may have been written over.</p>
              </Notice>
            ))}
          {total > 0 && (
            <FindingGrid
              total={total}
              get={get}
              ensure={pages.ensure}
              thumb={thumb}
              isSelected={chosen}
              active={active}
              onActive={setActive}
              onPick={onPick}
              onExtend={onExtend}
              onOpen={onOpen}
              onSelectAll={selectAll}
              onVisible={setVisible}
            />
          )}
          {total > 0 && <p className="grid-help">Click to choose or leave out; Shift+click for a range; Enter or double-click for details. Keys: arrows, Space, Ctrl+A.</p>}
        </div>
      </div>
      {previewOpen && active !== undefined && (
        <FindingPreview
          index={active}
          total={total}
          finding={previewed}
          thumb={previewed ? thumb(previewed.id) : undefined}
          selected={previewed ? isSelected(selection, previewed.id) : false}
          outsideList={outside !== undefined}
          partner={partner}
          onToggle={() => previewed && setSelection((s) => toggleTogether(s, together(previewed)))}
          onMove={moveTo}
          onClose={() => setPreviewOpen(false)}
        />
      )}
    </div>
  );
}
