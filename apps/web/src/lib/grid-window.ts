/**
 * The arithmetic of a windowed grid: how many columns fit, how tall a row is, which rows are in view
 * (so only those are in the DOM), where to scroll to reveal a cell, and where the arrow keys go.
 * Pure functions, so the grid component stays small and the numbers are tested on their own.
 */

export interface GridLayout {
  /** Narrowest a cell may be before a column is dropped. */
  minCellWidth: number;
  gap: number;
  /** Thumbnail height as a fraction of the cell's width (3/4 for 4:3). */
  thumbRatio: number;
  /** Height of the text under the thumbnail. */
  bodyHeight: number;
}

export interface GridGeometry {
  columns: number;
  cellWidth: number;
  /** Cell height plus the gap below it: the distance from one row's top to the next. */
  rowPitch: number;
  gap: number;
}

export function gridGeometry(width: number, layout: GridLayout): GridGeometry {
  const usable = Math.max(width, layout.minCellWidth);
  const columns = Math.max(1, Math.floor((usable + layout.gap) / (layout.minCellWidth + layout.gap)));
  const cellWidth = (usable - layout.gap * (columns - 1)) / columns;
  const cellHeight = Math.round(cellWidth * layout.thumbRatio) + layout.bodyHeight;
  return { columns, cellWidth, rowPitch: cellHeight + layout.gap, gap: layout.gap };
}

export interface GridWindow {
  rowCount: number;
  /** Rows [firstRow, endRow) are rendered. */
  firstRow: number;
  endRow: number;
  /** Items [firstIndex, endIndex) are rendered. */
  firstIndex: number;
  endIndex: number;
  /** Height of the whole grid, as if every row were there. */
  totalHeight: number;
}

/** The rows that intersect [scrollTop, scrollTop + viewport), plus `overscan` rows either side. */
export function gridWindow(total: number, geometry: GridGeometry, scrollTop: number, viewport: number, overscan = 2): GridWindow {
  const rowCount = Math.ceil(Math.max(0, total) / geometry.columns);
  const totalHeight = rowCount > 0 ? rowCount * geometry.rowPitch - geometry.gap : 0;
  const top = Math.max(0, scrollTop);
  const firstRow = clamp(Math.floor(top / geometry.rowPitch) - overscan, 0, rowCount);
  const endRow = clamp(Math.ceil((top + Math.max(0, viewport)) / geometry.rowPitch) + overscan, firstRow, rowCount);
  return {
    rowCount,
    firstRow,
    endRow,
    firstIndex: firstRow * geometry.columns,
    endIndex: Math.min(total, endRow * geometry.columns),
    totalHeight,
  };
}

/** The scrollTop that brings item `index` fully into view, or undefined when it already is. */
export function revealScrollTop(index: number, geometry: GridGeometry, scrollTop: number, viewport: number): number | undefined {
  const row = Math.floor(index / geometry.columns);
  const top = row * geometry.rowPitch;
  const bottom = top + geometry.rowPitch - geometry.gap;
  if (top < scrollTop) return top;
  if (bottom > scrollTop + viewport) return Math.max(0, bottom - viewport);
  return undefined;
}

export type GridKey = 'ArrowLeft' | 'ArrowRight' | 'ArrowUp' | 'ArrowDown' | 'Home' | 'End' | 'PageUp' | 'PageDown';

export const GRID_KEYS: readonly string[] = ['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Home', 'End', 'PageUp', 'PageDown'];

/** Where the active cell goes on a key: by one cell, one row, a page of rows, or to either end. */
export function moveIndex(index: number, key: GridKey, total: number, columns: number, pageRows: number): number {
  if (total <= 0) return 0;
  const step: Record<GridKey, number> = {
    ArrowLeft: -1,
    ArrowRight: 1,
    ArrowUp: -columns,
    ArrowDown: columns,
    PageUp: -columns * Math.max(1, pageRows),
    PageDown: columns * Math.max(1, pageRows),
    Home: -Infinity,
    End: Infinity,
  };
  const next = index + step[key];
  if (next === -Infinity) return 0;
  if (next === Infinity) return total - 1;
  // Up or down past an edge stays in the same column when it can.
  if (next < 0) return key === 'ArrowLeft' ? 0 : index % columns;
  if (next >= total) return key === 'ArrowRight' ? total - 1 : Math.min(total - 1, index);
  return next;
}

/** The page numbers (of `pageSize` items) that hold items [first, end). */
export function pagesFor(first: number, end: number, pageSize: number): number[] {
  if (end <= first) return [];
  const pages: number[] = [];
  for (let p = Math.floor(first / pageSize); p <= Math.floor((end - 1) / pageSize); p++) pages.push(p);
  return pages;
}

function clamp(n: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, n));
}
