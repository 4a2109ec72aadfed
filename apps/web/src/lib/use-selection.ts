'use client';
import { useCallback, useState } from 'react';

/** "All but these" (the default, so photos that arrive later are included) or "only these". */
type Selection = { mode: 'all-except' | 'only'; ids: ReadonlySet<string> };

export function useSelection() {
  const [sel, setSel] = useState<Selection>({ mode: 'all-except', ids: new Set() });
  const isSelected = useCallback((id: string) => (sel.mode === 'all-except' ? !sel.ids.has(id) : sel.ids.has(id)), [sel]);
  const toggle = useCallback((id: string) => {
    setSel((s) => {
      const ids = new Set(s.ids);
      if (ids.has(id)) ids.delete(id);
      else ids.add(id);
      return { mode: s.mode, ids };
    });
  }, []);
  const all = useCallback(() => setSel({ mode: 'all-except', ids: new Set() }), []);
  const none = useCallback(() => setSel({ mode: 'only', ids: new Set() }), []);
  return { isSelected, toggle, all, none };
}
