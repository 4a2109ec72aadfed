import type { TrashItem } from '@afterimage/contracts';
import { formatBytes } from '../../lib/format';
import { FileTypeIcon } from './file-type-icon';

function when(iso: string | undefined): string {
  if (!iso) return 'unknown';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** One trashed item: a checkbox, its type, name, where it was, when it was deleted, size, target. */
export function TrashRow({ item, target, selected, onToggle }: { item: TrashItem; target: string; selected: boolean; onToggle: () => void }) {
  return (
    <tr className={selected ? 'is-selected' : undefined} data-testid="trash-row" data-item-id={item.id} data-target-id={item.targetId}>
      <td className="trash-check">
        <input type="checkbox" checked={selected} onChange={onToggle} aria-label={`Restore ${item.name}`} data-testid="trash-checkbox" />
      </td>
      <td className="trash-icon-cell">
        <FileTypeIcon item={item} />
      </td>
      <th scope="row" className="photo-name">
        <span title={item.name}>{item.name}</span>
        <small title={item.path}>{item.path ? `was in ${item.path}` : 'where it was is unknown'}</small>
      </th>
      <td data-label="Deleted">{when(item.deletedAt)}</td>
      <td data-label="Size">{item.size !== undefined ? formatBytes(item.size) : '—'}</td>
      <td data-label="Target" className="trash-target">
        {target}
      </td>
    </tr>
  );
}
