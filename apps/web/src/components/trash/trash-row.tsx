import type { TrashItem } from '@afterimage/contracts';
import { formatMoment } from '../../lib/dates';
import { formatBytes } from '../../lib/format';
import type { TrashThumbState } from '../../lib/use-trash-previews';
import { TrashThumb } from './trash-thumb';

/** When an item was deleted, in the reader's words, or 'unknown'. */
export function deletedWhen(iso: string | undefined): string {
  return iso ? (formatMoment(iso) ?? iso) : 'unknown';
}

interface Props {
  item: TrashItem;
  target: string;
  selected: boolean;
  onToggle: () => void;
  thumb: TrashThumbState | undefined;
  onVisible: (item: TrashItem, visible: boolean) => void;
  onOpen: (item: TrashItem) => void;
}

/** One trashed item: a checkbox, its picture (opens the preview), name, where it was, when it was deleted, size, target. */
export function TrashRow({ item, target, selected, onToggle, thumb, onVisible, onOpen }: Props) {
  return (
    <tr className={selected ? 'is-selected' : undefined} data-testid="trash-row" data-item-id={item.id} data-target-id={item.targetId}>
      <td className="trash-check">
        <input type="checkbox" checked={selected} onChange={onToggle} aria-label={`Restore ${item.name}`} data-testid="trash-checkbox" />
      </td>
      <td className="trash-icon-cell">
        <TrashThumb item={item} thumb={thumb} onVisible={onVisible} onOpen={() => onOpen(item)} />
      </td>
      <th scope="row" className="photo-name">
        <span title={item.name}>{item.name}</span>
        <small title={item.path}>{item.path ? `was in ${item.path}` : 'where it was is unknown'}</small>
      </th>
      <td data-label="Deleted">{deletedWhen(item.deletedAt)}</td>
      <td data-label="Size">{item.size !== undefined ? formatBytes(item.size) : '—'}</td>
      <td data-label="Target" className="trash-target">
        {target}
      </td>
    </tr>
  );
}
