'use client';
import type { TrashItem } from '@afterimage/contracts';
import { useEffect, useRef } from 'react';
import type { TrashThumbState } from '../../lib/use-trash-previews';
import { FileTypeIcon } from './file-type-icon';

interface Props {
  item: TrashItem;
  thumb: TrashThumbState | undefined;
  /** Called when the thumbnail's place comes into view or leaves it (asked for only while visible). */
  onVisible: (item: TrashItem, visible: boolean) => void;
  onOpen: () => void;
}

/** The item's picture (or its type's icon while there is none), as the button that opens the larger preview. */
export function TrashThumb({ item, thumb, onVisible, onOpen }: Props) {
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const el = button.current;
    if (!el || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver((entries) => onVisible(item, entries.some((e) => e.isIntersecting)), { rootMargin: '120px' });
    observer.observe(el);
    return () => {
      observer.disconnect();
      onVisible(item, false);
    };
  }, [item, onVisible]);
  const status = thumb?.status ?? 'waiting';
  return (
    <button
      ref={button}
      type="button"
      className={`trash-thumb is-${status}`}
      onClick={onOpen}
      aria-label={`Preview ${item.name}`}
      title={thumb?.status === 'none' ? thumb.reason : `Preview ${item.name}`}
      aria-busy={status === 'loading' || undefined}
      data-testid="trash-thumb"
      data-status={status}
    >
      {thumb?.status === 'ready' ? <img src={thumb.src} alt="" width={thumb.width} height={thumb.height} data-testid="trash-thumb-img" /> : <FileTypeIcon item={item} />}
    </button>
  );
}
