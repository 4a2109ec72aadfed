'use client';
import { useSearchParams } from 'next/navigation';
import { useEffect, useState } from 'react';
import { addressQuery, filterFromAddress, filterToAddress } from './filter-address';
import type { FilterForm, SortChoice } from './filter-model';

/**
 * The results page's filters and sort, starting from what its address names and written back to it
 * on every change (history.replaceState: no navigation, and Back leaves the page instead of stepping
 * through each choice). A reload, Back from another page or a shared link shows the same results.
 * The address is read through useSearchParams, so the server renders the same first choices.
 */
export function useFilterAddress() {
  const search = useSearchParams();
  const [start] = useState(() => filterFromAddress(search?.toString() ?? ''));
  const [form, setForm] = useState<FilterForm>(start.form);
  const [sort, setSort] = useState<SortChoice>(start.sort);

  useEffect(() => {
    const url = new URL(window.location.href);
    const query = addressQuery(filterToAddress(form, sort, url.search));
    if (query === url.search) return;
    window.history.replaceState(null, '', `${url.pathname}${query}${url.hash}`);
  }, [form, sort]);

  return { form, setForm, sort, setSort };
}
