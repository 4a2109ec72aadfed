import { describe, expect, it } from 'vitest';
import { gridGeometry, gridWindow, moveIndex, pagesFor, revealScrollTop, type GridLayout } from './grid-window';

const layout: GridLayout = { minCellWidth: 180, gap: 12, thumbRatio: 0.75, bodyHeight: 80 };

describe('gridGeometry', () => {
  it('fits as many columns as the width allows and shares the rest', () => {
    const g = gridGeometry(960, layout);
    expect(g.columns).toBe(5); // 5 * 180 + 4 * 12 = 948 <= 960
    expect(g.cellWidth).toBeCloseTo((960 - 48) / 5);
    expect(g.rowPitch).toBe(Math.round(g.cellWidth * 0.75) + 80 + 12);
  });

  it('keeps one column on a narrow screen and two on a phone', () => {
    expect(gridGeometry(100, layout).columns).toBe(1);
    expect(gridGeometry(358, { ...layout, minCellWidth: 150 }).columns).toBe(2);
  });
});

describe('gridWindow', () => {
  const g = { columns: 5, cellWidth: 180, rowPitch: 227, gap: 12 };

  it('renders only the rows in view, plus the overscan', () => {
    const w = gridWindow(20_000, g, 0, 700, 2);
    expect(w.rowCount).toBe(4000);
    expect(w.firstRow).toBe(0);
    expect(w.endRow).toBe(Math.ceil(700 / 227) + 2);
    expect(w.endIndex - w.firstIndex).toBeLessThanOrEqual(30);
    expect(w.totalHeight).toBe(4000 * 227 - 12);
  });

  it('follows the scroll position deep into 20,000 items', () => {
    const scrollTop = 227 * 3000 + 50;
    const w = gridWindow(20_000, g, scrollTop, 700, 1);
    expect(w.firstRow).toBe(2999);
    expect(w.firstIndex).toBe(2999 * 5);
    expect(w.endRow).toBe(Math.ceil((scrollTop + 700) / 227) + 1);
  });

  it('stops at the last item', () => {
    const w = gridWindow(7, g, 0, 5000);
    expect(w.rowCount).toBe(2);
    expect(w.endRow).toBe(2);
    expect(w.endIndex).toBe(7);
  });

  it('is empty for no items', () => {
    const w = gridWindow(0, g, 300, 700);
    expect(w).toMatchObject({ rowCount: 0, firstIndex: 0, endIndex: 0, totalHeight: 0 });
  });
});

describe('revealScrollTop', () => {
  const g = { columns: 4, cellWidth: 200, rowPitch: 250, gap: 10 };
  it('scrolls up to a row above the view and down to one below it', () => {
    expect(revealScrollTop(0, g, 600, 500)).toBe(0);
    expect(revealScrollTop(4 * 5, g, 0, 500)).toBe(5 * 250 + 240 - 500);
  });
  it('leaves a visible cell alone', () => {
    expect(revealScrollTop(5, g, 200, 500)).toBeUndefined();
  });
});

describe('moveIndex', () => {
  it('moves by a cell, a row, a page and to either end', () => {
    expect(moveIndex(6, 'ArrowRight', 20, 4, 3)).toBe(7);
    expect(moveIndex(6, 'ArrowLeft', 20, 4, 3)).toBe(5);
    expect(moveIndex(6, 'ArrowDown', 20, 4, 3)).toBe(10);
    expect(moveIndex(6, 'ArrowUp', 20, 4, 3)).toBe(2);
    expect(moveIndex(1, 'PageDown', 20, 4, 3)).toBe(13);
    expect(moveIndex(13, 'PageUp', 20, 4, 3)).toBe(1);
    expect(moveIndex(9, 'Home', 20, 4, 3)).toBe(0);
    expect(moveIndex(9, 'End', 20, 4, 3)).toBe(19);
  });
  it('stays inside the grid at its edges', () => {
    expect(moveIndex(0, 'ArrowLeft', 20, 4, 3)).toBe(0);
    expect(moveIndex(19, 'ArrowRight', 20, 4, 3)).toBe(19);
    expect(moveIndex(2, 'ArrowUp', 20, 4, 3)).toBe(2);
    expect(moveIndex(17, 'ArrowDown', 18, 4, 3)).toBe(17);
    expect(moveIndex(14, 'ArrowDown', 18, 4, 3)).toBe(14);
    expect(moveIndex(0, 'ArrowDown', 0, 4, 3)).toBe(0);
  });
});

describe('pagesFor', () => {
  it('names the pages that hold a range', () => {
    expect(pagesFor(0, 30, 120)).toEqual([0]);
    expect(pagesFor(100, 260, 120)).toEqual([0, 1, 2]);
    expect(pagesFor(5, 5, 120)).toEqual([]);
  });
});
