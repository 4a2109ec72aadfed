import type { Source } from '@afterimage/contracts';
import { formatBytes } from '../lib/format';

const KIND_LABEL: Record<string, string> = { demo: 'Demo card', image: 'Disk image', device: 'Device', 'iphone-backup': 'iPhone backup', folder: 'Folder' };

/** The icon's kind: a folder source shows what it is (a phone backup, a plain folder). */
export function sourceKind(source: Source): string {
  return source.kind === 'folder' ? (source.folderKind ?? 'folder') : source.kind;
}

function size(source: Source): string {
  if (source.sizeBytes > 0) return formatBytes(source.sizeBytes);
  return source.kind === 'folder' ? 'size found by the scan' : 'size unknown';
}

/** A source the agent already knows (the demo card, an image, a device or folder added earlier), as a radio. */
export function SourceCard({ source, selected, disabled, onSelect }: { source: Source; selected: boolean; disabled: boolean; onSelect: () => void }) {
  const kind = sourceKind(source);
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
      data-folder-kind={source.folderKind}
      data-locked={source.needsPassword || undefined}
    >
      <span className={`source-icon kind-${kind}`} aria-hidden />
      <span className="source-text">
        <span className="source-label">{source.label}</span>
        <span className="source-meta">
          <span className="chip">{KIND_LABEL[kind] ?? kind}</span>
          {source.needsPassword ? (
            <span className="chip chip-locked" title="The agent restarted since it was given this backup’s password: it asks for it again before a scan or a recovery." data-testid="source-locked">
              Locked: needs its password
            </span>
          ) : (
            source.encrypted && (
              <span className="chip chip-unlocked" title="Encrypted; the agent holds its password in memory until it restarts.">
                Encrypted
              </span>
            )
          )}
          <span>{size(source)}</span>
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
