'use client';
import { useEffect, useState } from 'react';

/** One page of a long list; the page is kept in range when the list shrinks. */
export function usePaging<T>(items: readonly T[], pageSize: number, resetKey?: unknown) {
  const [page, setPage] = useState(0);
  const pages = Math.max(1, Math.ceil(items.length / pageSize));
  useEffect(() => setPage(0), [resetKey]);
  const current = Math.min(page, pages - 1);
  const from = current * pageSize;
  return {
    page: current,
    pages,
    from,
    to: Math.min(items.length, from + pageSize),
    total: items.length,
    slice: items.slice(from, from + pageSize),
    setPage: (n: number) => setPage(Math.max(0, Math.min(pages - 1, n))),
  };
}
