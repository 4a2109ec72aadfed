import type { Confidence, FindingSort, Origin, TrashChoice, ValidationState } from '@afterimage/contracts';
import { DEFAULT_SORT, EMPTY_FILTER, type FilterForm, type FoundByChoice, type SizeUnit, type SortChoice } from './filter-model';

/**
 * The results page's filters and sort in its address (?format=jpeg,heic&state=complete&sort=takenAt&desc=1&q=beach):
 * a reload, Back or a shared link shows the same choices. Only what differs from the defaults is
 * written; every other parameter of the address (?recovery=…) is left as it is. Reading is for
 * hostile input: what is not a known value, a real day, a number or a short text is dropped, never thrown.
 *
 * The known values are the contracts' zod enums, spelled out here as exhaustive records (the compiler
 * rejects a missing or extra key; filter-address.spec.ts checks them against the schemas): importing
 * the schemas would bundle the contracts' tRPC router into the browser.
 */

/** The parameter names this file owns (and nothing else). */
export const FILTER_PARAMS = ['format', 'state', 'by', 'origin', 'confidence', 'trash', 'from', 'to', 'camera', 'min', 'max', 'unit', 'q', 'sort', 'desc'] as const;

/** Longest camera or name text taken from an address; longer is dropped, not cut. */
export const MAX_TEXT = 200;
/** Most values kept in one list (a format list is open-ended; the agent's ids are few). */
const MAX_VALUES = 40;
/** Format ids are short lowercase words: jpeg, cr2, 3gp, mp4. */
const FORMAT_ID = /^[a-z0-9]{1,12}$/;
const SIZE = /^\d{1,12}(?:[.,]\d{1,6})?$/;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
export const KNOWN_STATES: Record<ValidationState, true> = { complete: true, truncated: true, corrupt: true };
export const KNOWN_FOUND_BY: Record<FoundByChoice, true> = { filesystem: true, carving: true };
export const KNOWN_ORIGINS: Record<Origin, true> = { deleted: true, live: true, lost: true };
export const KNOWN_CONFIDENCE: Record<Confidence, true> = { high: true, medium: true, low: true };
export const KNOWN_TRASH: Record<TrashChoice, true> = { any: true, none: true, 'iphone-recently-deleted': true, 'android-trash': true, 'android-pending': true, 'recycle-bin': true };
export const KNOWN_SORTS: Record<FindingSort, true> = { offset: true, name: true, takenAt: true, size: true, format: true };
const KNOWN_UNITS: Record<SizeUnit, true> = { KB: true, MB: true };

export interface AddressedFilter {
  form: FilterForm;
  sort: SortChoice;
}

/** yyyy-mm-dd of a day that exists (no 2024-02-30). */
function isDay(text: string): boolean {
  const m = DAY.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

const isSize = (text: string) => SIZE.test(text.trim());
/** No control characters (NUL, newlines, DEL): a name or camera never has them. */
const hasControl = (text: string) => [...text].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f);
const isText = (text: string) => text.trim() !== '' && text.length <= MAX_TEXT && !hasControl(text);

/** Every value of a list parameter (a=x,y or a=x&a=y), each one the schema knows, once, in order. */
function listOf<T extends string>(params: URLSearchParams, name: string, keep: (value: string) => value is T): T[] {
  const values = params
    .getAll(name)
    .flatMap((v) => v.split(','))
    .map((v) => v.trim());
  const kept: T[] = [];
  for (const value of values) if (keep(value) && !kept.includes(value) && kept.length < MAX_VALUES) kept.push(value);
  return kept;
}

/** A key of one of the records above (its own key: never __proto__ or toString). */
const known =
  <T extends string>(values: Record<T, true>) =>
  (value: string): value is T =>
    Object.hasOwn(values, value);
const isFormat = (value: string): value is string => FORMAT_ID.test(value);

/** The one value of a parameter, when it passes `ok`. */
function single(params: URLSearchParams, name: string, ok: (value: string) => boolean): string | undefined {
  const value = params.get(name);
  return value !== null && ok(value) ? value : undefined;
}

/** The filter and sort an address names; anything unknown or malformed is left at its default. */
export function filterFromAddress(search: string | URLSearchParams): AddressedFilter {
  const params = typeof search === 'string' ? new URLSearchParams(search) : search;
  const unit = single(params, 'unit', known(KNOWN_UNITS)) as SizeUnit | undefined;
  const sort = single(params, 'sort', known(KNOWN_SORTS)) as FindingSort | undefined;
  return {
    form: {
      formats: listOf(params, 'format', isFormat),
      states: listOf<ValidationState>(params, 'state', known(KNOWN_STATES)),
      foundBy: listOf<FoundByChoice>(params, 'by', known(KNOWN_FOUND_BY)),
      origins: listOf<Origin>(params, 'origin', known(KNOWN_ORIGINS)),
      confidence: listOf<Confidence>(params, 'confidence', known(KNOWN_CONFIDENCE)),
      trash: listOf<TrashChoice>(params, 'trash', known(KNOWN_TRASH)),
      takenFrom: single(params, 'from', isDay) ?? EMPTY_FILTER.takenFrom,
      takenTo: single(params, 'to', isDay) ?? EMPTY_FILTER.takenTo,
      camera: single(params, 'camera', isText) ?? EMPTY_FILTER.camera,
      minSize: single(params, 'min', isSize)?.trim() ?? EMPTY_FILTER.minSize,
      maxSize: single(params, 'max', isSize)?.trim() ?? EMPTY_FILTER.maxSize,
      sizeUnit: unit ?? EMPTY_FILTER.sizeUnit,
      text: single(params, 'q', isText) ?? EMPTY_FILTER.text,
    },
    sort: {
      sort: sort ?? DEFAULT_SORT.sort,
      descending: params.get('desc') === '1' ? true : DEFAULT_SORT.descending,
    },
  };
}

/** The address's parameters with the filter's written in place of any earlier ones; the others kept. */
export function filterToAddress(form: FilterForm, sort: SortChoice, search: string | URLSearchParams = ''): URLSearchParams {
  const params = new URLSearchParams(search);
  for (const name of FILTER_PARAMS) params.delete(name);
  const list = (name: string, values: readonly string[]) => values.length && params.set(name, values.join(','));
  const text = (name: string, value: string, ok: (v: string) => boolean) => ok(value) && params.set(name, name === 'min' || name === 'max' ? value.trim() : value);
  list('format', form.formats.filter(isFormat));
  list('state', form.states);
  list('by', form.foundBy);
  list('origin', form.origins);
  list('confidence', form.confidence);
  list('trash', form.trash);
  text('from', form.takenFrom, isDay);
  text('to', form.takenTo, isDay);
  text('camera', form.camera, isText);
  text('min', form.minSize, isSize);
  text('max', form.maxSize, isSize);
  if (form.sizeUnit !== EMPTY_FILTER.sizeUnit) params.set('unit', form.sizeUnit);
  text('q', form.text, isText);
  if (sort.sort !== DEFAULT_SORT.sort) params.set('sort', sort.sort);
  if (sort.descending !== DEFAULT_SORT.descending) params.set('desc', '1');
  return params;
}

/** The query string for an address: commas between a list's values stay readable (format=jpeg,heic). */
export function addressQuery(params: URLSearchParams): string {
  const query = params.toString().replace(/%2C/gi, ',');
  return query ? `?${query}` : '';
}
