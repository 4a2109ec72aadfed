import type { Confidence, FindingFilter, FindingSort, Origin, TrashChoice, ValidationState } from '@afterimage/contracts';

/** How it was found, as a person thinks of it; "both" (entry and content agree) counts as either. */
export type FoundByChoice = 'filesystem' | 'carving';
export type SizeUnit = 'KB' | 'MB';

/** What the filter controls hold (strings as typed); toFindingFilter turns it into the agent's filter. */
export interface FilterForm {
  formats: string[];
  states: ValidationState[];
  foundBy: FoundByChoice[];
  origins: Origin[];
  confidence: Confidence[];
  /** Which trash it came from (a phone's, a Recycle Bin), or none. */
  trash: TrashChoice[];
  /** yyyy-mm-dd from a date input, or ''. */
  takenFrom: string;
  takenTo: string;
  camera: string;
  minSize: string;
  maxSize: string;
  sizeUnit: SizeUnit;
  text: string;
}

export interface SortChoice {
  sort: FindingSort;
  descending: boolean;
}

export const EMPTY_FILTER: FilterForm = {
  formats: [],
  states: [],
  foundBy: [],
  origins: [],
  confidence: [],
  trash: [],
  takenFrom: '',
  takenTo: '',
  camera: '',
  minSize: '',
  maxSize: '',
  sizeUnit: 'MB',
  text: '',
};

export const DEFAULT_SORT: SortChoice = { sort: 'offset', descending: false };

const UNIT_BYTES: Record<SizeUnit, number> = { KB: 1000, MB: 1000 * 1000 };
const DAY = /^\d{4}-\d{2}-\d{2}$/;

function bytes(text: string, unit: SizeUnit): number | undefined {
  const value = Number.parseFloat(text.replace(',', '.'));
  if (!Number.isFinite(value) || value < 0) return undefined;
  return Math.round(value * UNIT_BYTES[unit]);
}

/**
 * The agent's FindingFilter for what the controls say. Dates: the agent compares EXIF times
 * (YYYY-MM-DDTHH:MM:SS) as text, so a whole day is [dayT00…, dayT24): "T24" sorts after every time.
 */
export function toFindingFilter(form: FilterForm): FindingFilter {
  const filter: FindingFilter = {};
  if (form.formats.length) filter.formats = [...form.formats];
  if (form.states.length) filter.states = [...form.states];
  if (form.origins.length) filter.origins = [...form.origins];
  if (form.confidence.length) filter.confidence = [...form.confidence];
  if (form.trash.length) filter.trash = [...form.trash];
  if (form.foundBy.length === 1) filter.foundBy = form.foundBy[0] === 'filesystem' ? ['filesystem', 'both'] : ['carving', 'both'];
  if (DAY.test(form.takenFrom)) filter.takenFrom = form.takenFrom;
  if (DAY.test(form.takenTo)) filter.takenTo = `${form.takenTo}T24`;
  if (form.camera.trim()) filter.camera = form.camera.trim();
  if (form.text.trim()) filter.text = form.text.trim();
  const min = bytes(form.minSize, form.sizeUnit);
  const max = bytes(form.maxSize, form.sizeUnit);
  if (min !== undefined) filter.minSize = min;
  if (max !== undefined) filter.maxSize = max;
  return filter;
}

/** How many controls narrow the results (for the "Filters (3)" button and "Clear filters"). */
export function activeFilterCount(form: FilterForm): number {
  const f = toFindingFilter(form);
  const dates = f.takenFrom !== undefined || f.takenTo !== undefined ? 1 : 0;
  const sizes = f.minSize !== undefined || f.maxSize !== undefined ? 1 : 0;
  const lists = [f.formats, f.states, f.origins, f.confidence, f.foundBy, f.trash].filter((l) => l !== undefined).length;
  return lists + dates + sizes + (f.camera ? 1 : 0) + (f.text ? 1 : 0);
}

/** A stable key for a query: equal filters and sorts give equal keys. */
export function queryKey(scanId: string, filter: FindingFilter, sort: SortChoice): string {
  const ordered = Object.fromEntries(Object.entries(filter).sort(([a], [b]) => a.localeCompare(b)));
  return JSON.stringify([scanId, ordered, sort.sort, sort.descending]);
}

/** Adds or removes one value of a multiple choice. */
export function toggleIn<T>(values: readonly T[], value: T): T[] {
  return values.includes(value) ? values.filter((v) => v !== value) : [...values, value];
}
