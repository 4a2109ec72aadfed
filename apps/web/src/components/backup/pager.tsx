/** "1–25 of 240" with previous and next; nothing when one page holds everything. */
export function Pager({ page, pages, from, to, total, noun, onPage }: { page: number; pages: number; from: number; to: number; total: number; noun: string; onPage: (n: number) => void }) {
  if (pages <= 1) return null;
  return (
    <nav className="pager" aria-label={`Pages of ${noun}`} data-testid="pager">
      <button type="button" className="btn btn-quiet" onClick={() => onPage(page - 1)} disabled={page === 0}>
        ← Previous
      </button>
      <span className="pager-range" aria-live="polite">
        {from + 1}–{to} of {total} {noun}
      </span>
      <button type="button" className="btn btn-quiet" onClick={() => onPage(page + 1)} disabled={page >= pages - 1}>
        Next →
      </button>
    </nav>
  );
}
