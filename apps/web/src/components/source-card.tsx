import type { Source } from '@afterimage/contracts';
import { formatBytes } from '../lib/format';

const KIND_LABEL: Record<string, string> = { demo: 'Demo card', image: 'Disk image', device: 'Device' };

/** A source the agent already knows (the demo card, an image, a device added earlier), as a radio. */
export function SourceCard({ source, selected, disabled, onSelect }: { source: Source; selected: boolean; disabled: boolean; onSelect: () => void }) {
  return (
    <button
      type="button"
      role="radio"
      aria-checked={selected}
      disabled={disabled}
      className={`source-card${selected ? ' is-selected' : ''}`}
      onClick={onSelect}
      data-testid="source-card"
      data-source-id={source.id}
    >
      <span className={`source-icon kind-${source.kind}`} aria-hidden />
      <span className="source-text">
        <span className="source-label">{source.label}</span>
        <span className="source-meta">
          <span className="chip">{KIND_LABEL[source.kind] ?? source.kind}</span>
          <span>{source.sizeBytes > 0 ? formatBytes(source.sizeBytes) : 'size unknown'}</span>
          {source.pieces && <span>{source.pieces.length} pieces</span>}
        </span>
        {source.description && <span className="source-desc">{source.description}</span>}
        <span className="source-path" title={source.path}>
          {source.path}
        </span>
      </span>
    </button>
  );
}
