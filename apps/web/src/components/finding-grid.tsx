'use client';
import type { Finding } from '@afterimage/contracts';
import { useCallback, useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import { GRID_KEYS, gridGeometry, gridWindow, moveIndex, revealScrollTop, type GridKey, type GridLayout } from '../lib/grid-window';
import type { Thumb } from '../lib/use-thumbnails';
import { FindingCell } from './finding-cell';

const WIDE: GridLayout = { minCellWidth: 176, gap: 14, thumbRatio: 0.75, bodyHeight: 104 };
const NARROW: GridLayout = { minCellWidth: 148, gap: 10, thumbRatio: 0.75, bodyHeight: 104 };
/** Ask for the pages in view once scrolling rests this long (a fling past 5,000 rows asks for none of them). */
const ENSURE_AFTER_MS = 60;

export interface FindingGridProps {
  total: number;
  get: (index: number) => Finding | undefined;
  ensure: (first: number, end: number) => void;
  thumb: (id: string) => Thumb | undefined;
  isSelected: (id: string) => boolean;
  active: number | undefined;
  onActive: (index: number) => void;
  /** A click or Space: toggle one, or (with Shift) the range from the last one picked. */
  onPick: (index: number, range: boolean) => void;
  /** Shift+arrows: choose every cell from one to the other. */
  onExtend: (from: number, to: number) => void;
  onOpen: (index: number) => void;
  onSelectAll: () => void;
  onVisible: (ids: string[]) => void;
}

/**
 * The results grid, windowed by hand: only the rows in view (and two either side) are in the DOM,
 * whatever the total; the rest is an empty box of the right height. Keyboard: arrows, Page Up/Down,
 * Home/End move; Shift extends; Space picks; Enter opens the details; Ctrl+A chooses all that match.
 */
export function FindingGrid(props: FindingGridProps) {
  const { total, get, ensure, active, onActive, onVisible } = props;
  const box = useRef<HTMLDivElement>(null);
  const [size, setSize] = useState({ width: 0, height: 0 });
  const [scrollTop, setScrollTop] = useState(0);
  const frame = useRef(0);

  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    const measure = () => setSize({ width: el.clientWidth, height: el.clientHeight });
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  const onScroll = useCallback(() => {
    cancelAnimationFrame(frame.current);
    frame.current = requestAnimationFrame(() => setScrollTop(box.current?.scrollTop ?? 0));
  }, []);
  useEffect(() => () => cancelAnimationFrame(frame.current), []);

  const layout = size.width > 0 && size.width < 520 ? NARROW : WIDE;
  const geometry = gridGeometry(size.width || 800, layout);
  const view = gridWindow(total, geometry, scrollTop, size.height || 600, 2);
  const pageRows = Math.max(1, Math.floor((size.height || 600) / geometry.rowPitch));

  useEffect(() => {
    const timer = setTimeout(() => ensure(view.firstIndex, view.endIndex), ENSURE_AFTER_MS);
    return () => clearTimeout(timer);
  }, [ensure, view.firstIndex, view.endIndex]);

  const visibleIds: string[] = [];
  for (let i = view.firstIndex; i < view.endIndex; i++) {
    const f = get(i);
    if (f) visibleIds.push(f.id);
  }
  const visibleKey = visibleIds.join(',');
  useEffect(() => onVisible(visibleKey ? visibleKey.split(',') : []), [visibleKey, onVisible]);

  // Keep the active cell in view when the keyboard moves it (or the columns change under it).
  const { columns, rowPitch } = geometry;
  useEffect(() => {
    const el = box.current;
    if (!el || active === undefined) return;
    const top = revealScrollTop(active, { columns, rowPitch, gap: layout.gap, cellWidth: 0 }, el.scrollTop, el.clientHeight);
    if (top !== undefined) el.scrollTop = top;
  }, [active, columns, rowPitch, layout.gap]);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (total === 0) return;
    const current = active ?? view.firstIndex;
    if (GRID_KEYS.includes(e.key)) {
      e.preventDefault();
      const next = moveIndex(current, e.key as GridKey, total, geometry.columns, pageRows);
      onActive(next);
      if (e.shiftKey) props.onExtend(current, next);
    } else if (e.key === ' ') {
      e.preventDefault();
      if (active === undefined) onActive(current);
      else props.onPick(active, e.shiftKey);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      props.onOpen(current);
    } else if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'a') {
      e.preventDefault();
      props.onSelectAll();
    }
  };

  const { onPick } = props;
  const onCellPick = useCallback(
    (index: number, event: MouseEvent) => {
      onActive(index);
      onPick(index, event.shiftKey);
    },
    [onActive, onPick],
  );

  const rows = [];
  for (let r = view.firstRow; r < view.endRow; r++) {
    const cells = [];
    for (let c = 0; c < geometry.columns; c++) {
      const index = r * geometry.columns + c;
      if (index >= total) break;
      const finding = get(index);
      cells.push(
        <FindingCell
          key={index}
          index={index}
          column={c + 1}
          finding={finding}
          thumb={finding ? props.thumb(finding.id) : undefined}
          selected={finding ? props.isSelected(finding.id) : false}
          active={index === active}
          width={geometry.cellWidth}
          onPick={onCellPick}
          onOpen={props.onOpen}
        />,
      );
    }
    rows.push(
      <div key={r} role="row" aria-rowindex={r + 1} className="grid-row" style={{ top: r * geometry.rowPitch, gap: geometry.gap, height: geometry.rowPitch - geometry.gap }}>
        {cells}
      </div>,
    );
  }

  return (
    <div
      ref={box}
      className="grid-scroll"
      role="grid"
      aria-label="Photos and videos found"
      aria-rowcount={view.rowCount}
      aria-colcount={geometry.columns}
      aria-multiselectable
      aria-activedescendant={active !== undefined && active >= view.firstIndex && active < view.endIndex ? `finding-cell-${active}` : undefined}
      tabIndex={0}
      onScroll={onScroll}
      onKeyDown={onKeyDown}
      onFocus={() => active === undefined && total > 0 && onActive(Math.min(total - 1, Math.floor(scrollTop / geometry.rowPitch) * geometry.columns))}
      data-testid="finding-grid"
      data-total={total}
      data-rendered={view.endIndex - view.firstIndex}
      data-columns={geometry.columns}
      data-active={active}
      style={{ ['--cell-body' as string]: `${layout.bodyHeight}px` }}
    >
      <div className="grid-space" style={{ height: view.totalHeight }}>
        {rows}
      </div>
    </div>
  );
}
