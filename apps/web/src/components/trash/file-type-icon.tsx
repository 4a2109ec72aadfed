import type { TrashItem } from '@afterimage/contracts';
import { fileType } from './file-type';

const LABEL = { photo: 'Photo', video: 'Video', file: 'File' } as const;

/** An icon for the item's type, in place of a preview (while it loads, or when there is none). */
export function FileTypeIcon({ item }: { item: Pick<TrashItem, 'name' | 'mimeType'> }) {
  const type = fileType(item);
  const ext = /\.([A-Za-z0-9]{1,4})$/.exec(item.name)?.[1]?.toUpperCase() ?? '';
  return (
    <span className={`type-icon type-${type}`} role="img" aria-label={LABEL[type]} data-type={type}>
      <span aria-hidden>{ext || LABEL[type]}</span>
    </span>
  );
}
