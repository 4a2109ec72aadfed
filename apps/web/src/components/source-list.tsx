import type { SourcesState } from '../lib/use-sources';
import { Notice } from './notice';
import { SourceCard } from './source-card';

export function SourceList({ state, selectedId, locked, onSelect, onRetry }: { state: SourcesState; selectedId: string | undefined; locked: boolean; onSelect: (id: string) => void; onRetry: () => void }) {
  if (state.status === 'loading') {
    return (
      <div className="source-grid" aria-busy>
        <div className="source-card skeleton" />
        <div className="source-card skeleton" />
      </div>
    );
  }
  if (state.status === 'error') {
    return (
      <Notice tone="error" title="The sources could not be listed." testId="sources-error">
        <p>{state.message}</p>
        <button type="button" className="btn btn-quiet" onClick={onRetry}>
          Try again
        </button>
      </Notice>
    );
  }
  if (state.sources.length === 0) {
    return (
      <Notice tone="empty" title="No sources yet." testId="sources-empty">
        <p>Insert a camera card or USB stick, or add a disk image by its path below.</p>
      </Notice>
    );
  }
  return (
    <div className="source-grid" role="radiogroup" aria-label="Sources" data-testid="source-list">
      {state.sources.map((source) => (
        <SourceCard key={source.id} source={source} selected={source.id === selectedId} disabled={locked} onSelect={() => onSelect(source.id)} />
      ))}
    </div>
  );
}
