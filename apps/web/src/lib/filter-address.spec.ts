import { ConfidenceSchema, FindingSortSchema, FoundBySchema, OriginSchema, TrashChoiceSchema, ValidationStateSchema } from '@afterimage/contracts';
import { describe, expect, it } from 'vitest';
import { addressQuery, filterFromAddress, filterToAddress, KNOWN_CONFIDENCE, KNOWN_FOUND_BY, KNOWN_ORIGINS, KNOWN_SORTS, KNOWN_STATES, KNOWN_TRASH, MAX_TEXT } from './filter-address';
import { DEFAULT_SORT, EMPTY_FILTER, toFindingFilter, type FilterForm, type SortChoice } from './filter-model';

const FULL: FilterForm = {
  formats: ['jpeg', 'heic', '3gp'],
  states: ['complete', 'truncated'],
  foundBy: ['carving'],
  origins: ['deleted', 'lost'],
  confidence: ['high'],
  trash: ['none', 'iphone-recently-deleted'],
  takenFrom: '2024-05-01',
  takenTo: '2024-05-31',
  camera: 'Canon EOS R6',
  minSize: '1.5',
  maxSize: '20',
  sizeUnit: 'KB',
  text: 'beach, 2024 & sea',
};
const SORTED: SortChoice = { sort: 'takenAt', descending: true };

/** What a page's address would read after writing, as a browser would parse it. */
const written = (form: FilterForm, sort: SortChoice, search = '') => addressQuery(filterToAddress(form, sort, search));
const read = (query: string) => filterFromAddress(query.replace(/^\?/, ''));

describe('filter in the address', () => {
  it('gives back every control and the sort after a round trip', () => {
    const query = written(FULL, SORTED);
    expect(read(query)).toEqual({ form: FULL, sort: SORTED });
  });

  it('writes short readable names, lists with plain commas', () => {
    const query = written({ ...EMPTY_FILTER, formats: ['jpeg', 'heic'], states: ['complete'], takenFrom: '2024-05-01', text: 'beach' }, SORTED);
    expect(query).toBe('?format=jpeg,heic&state=complete&from=2024-05-01&q=beach&sort=takenAt&desc=1');
  });

  it('writes nothing for the defaults, and reads the defaults from an empty address', () => {
    expect(written(EMPTY_FILTER, DEFAULT_SORT)).toBe('');
    expect(read('')).toEqual({ form: EMPTY_FILTER, sort: DEFAULT_SORT });
    // Only what differs: a descending default sort is desc=1 alone.
    expect(written(EMPTY_FILTER, { ...DEFAULT_SORT, descending: true })).toBe('?desc=1');
  });

  it('keeps the address’s other parameters, and replaces only its own', () => {
    const query = written({ ...EMPTY_FILTER, formats: ['png'] }, DEFAULT_SORT, '?recovery=rec-42&format=jpeg&sort=size&tab=x');
    expect(query).toBe('?recovery=rec-42&tab=x&format=png');
    // Clearing the filters takes out its parameters and leaves the recovery.
    expect(written(EMPTY_FILTER, DEFAULT_SORT, query)).toBe('?recovery=rec-42&tab=x');
  });

  it('drops what the contracts do not know, and keeps the rest', () => {
    const { form, sort } = read(
      'format=jpeg,JPEG,../etc,a%20b,jpeg,png&state=complete,deleted,__proto__&by=both,carving&origin=lost,x&confidence=high,HIGH&trash=any,bin&sort=drop&desc=yes',
    );
    expect(form.formats).toEqual(['jpeg', 'png']);
    expect(form.states).toEqual(['complete']);
    expect(form.foundBy).toEqual(['carving']);
    expect(form.origins).toEqual(['lost']);
    expect(form.confidence).toEqual(['high']);
    expect(form.trash).toEqual(['any']);
    expect(sort).toEqual(DEFAULT_SORT);
  });

  it('takes only real days, numbers and short texts', () => {
    const { form } = read(`from=2024-02-30&to=24-5-1&min=1e9&max=-3&unit=GB&camera=${'x'.repeat(MAX_TEXT + 1)}&q=a%00b`);
    expect(form).toEqual(EMPTY_FILTER);
    expect(read('from=2024-02-29&to=2024-12-31&min=0,5&max=%2012%20').form).toMatchObject({ takenFrom: '2024-02-29', takenTo: '2024-12-31', minSize: '0,5', maxSize: '12' });
  });

  it('never throws on garbage, and what it reads is a filter the agent takes', () => {
    const garbage = ['%', '%E0%A4%A', '&&&==&', 'format', 'format=,,,', 'sort=constructor&desc=1&desc=0', 'q=%20%20', `format=${'a,'.repeat(5000)}`, 'min=NaN&max=Infinity', '?from=2024-13-01'];
    for (const query of garbage) {
      const { form, sort } = read(query);
      const filter = toFindingFilter(form);
      expect(filter.minSize === undefined || Number.isFinite(filter.minSize)).toBe(true);
      expect(filter.text).toBeUndefined();
      expect(filter.takenFrom).toBeUndefined();
      expect(['offset', 'name', 'takenAt', 'size', 'format']).toContain(sort.sort);
      expect(form.formats.length).toBeLessThanOrEqual(40);
    }
    // The same list twice (format=a&format=b) reads as one list.
    expect(read('format=jpeg&format=png,jpeg').form.formats).toEqual(['jpeg', 'png']);
  });

  it('does not write what the controls hold but the agent would ignore', () => {
    expect(written({ ...EMPTY_FILTER, minSize: 'abc', takenFrom: '2024-1', camera: '   ' }, DEFAULT_SORT)).toBe('');
  });

  it('knows exactly the values the contracts’ schemas accept', () => {
    const keys = (record: object) => Object.keys(record).sort();
    expect(keys(KNOWN_STATES)).toEqual([...ValidationStateSchema.options].sort());
    expect(keys(KNOWN_FOUND_BY)).toEqual(FoundBySchema.options.filter((v) => v !== 'both').sort());
    expect(keys(KNOWN_ORIGINS)).toEqual([...OriginSchema.options].sort());
    expect(keys(KNOWN_CONFIDENCE)).toEqual([...ConfidenceSchema.options].sort());
    expect(keys(KNOWN_TRASH)).toEqual([...TrashChoiceSchema.options].sort());
    expect(keys(KNOWN_SORTS)).toEqual([...FindingSortSchema.options].sort());
  });
});
