import type { TrashItem } from '@afterimage/contracts';
import { usePaging } from '../../lib/use-backup-paging';
import { plural } from '../../lib/format';
import type { TrashThumbState } from '../../lib/use-trash-previews';
import { Pager } from '../backup/pager';
import { TrashRow } from './trash-row';

const PAGE_SIZE = 25;
export const itemKey = (item: Pick<TrashItem, 'targetId' | 'id'>) => `${item.targetId}\u0000${item.id}`;

export interface TrashTableProps {
  items: TrashItem[];
  targetName: (id: string) => string;
  selected: ReadonlySet<string>;
  onToggle: (key: string) => void;
  onSet: (keys: string[], on: boolean) => void;
  thumbOf: (item: TrashItem) => TrashThumbState | undefined;
  onVisible: (item: TrashItem, visible: boolean) => void;
  onOpen: (item: TrashItem) => void;
}

/** The items of every target's trash, newest deletion first, a page at a time. */
export function TrashTable({ items, targetName, selected, onToggle, onSet, thumbOf, onVisible, onOpen }: TrashTableProps) {
  const paging = usePaging(items, PAGE_SIZE);
  const pageKeys = paging.slice.map(itemKey);
  const pageAll = pageKeys.length > 0 && pageKeys.every((k) => selected.has(k));
  return (
    <div className="trash-table">
      <div className="toolbar">
        <p data-testid="trash-selection">
          {selected.size} of {plural(items.length, 'item')} selected
        </p>
        <div className="toolbar-actions">
          <button type="button" className="btn btn-quiet" onClick={() => onSet(items.map(itemKey), true)} disabled={selected.size === items.length}>
            Select all
          </button>
          <button type="button" className="btn btn-quiet" onClick={() => onSet(items.map(itemKey), false)} disabled={selected.size === 0}>
            Select none
          </button>
        </div>
      </div>
      <div className="table-wrap">
        <table className="keep-table">
          <caption className="sr-only">Items in the backup targets’ trash</caption>
          <thead>
            <tr>
              <th scope="col" className="trash-check">
                <input type="checkbox" checked={pageAll} onChange={() => onSet(pageKeys, !pageAll)} aria-label="Select every item on this page" />
              </th>
              <th scope="col">
                <span className="sr-only">Preview</span>
              </th>
              <th scope="col">Name</th>
              <th scope="col">Deleted</th>
              <th scope="col">Size</th>
              <th scope="col">Target</th>
            </tr>
          </thead>
          <tbody>
            {paging.slice.map((item) => (
              <TrashRow
                key={itemKey(item)}
                item={item}
                target={targetName(item.targetId)}
                selected={selected.has(itemKey(item))}
                onToggle={() => onToggle(itemKey(item))}
                thumb={thumbOf(item)}
                onVisible={onVisible}
                onOpen={onOpen}
              />
            ))}
          </tbody>
        </table>
      </div>
      <Pager {...paging} noun="items" onPage={paging.setPage} />
    </div>
  );
}
