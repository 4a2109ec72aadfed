// The pages the findings benchmark asks for (findings.page requests without the scanId; limit 200, the
// contracts' default): the first page and a deep one, every sort key both ways, deep pages per sort key,
// each filter of the results view alone, and combined.
const SORTS = ['offset', 'name', 'takenAt', 'size', 'format'];
const arrow = (descending) => (descending ? '↓' : '↑');

export const QUERIES = [
  { name: 'first page (offset ↑)', request: {} },
  { name: 'deep page @90,000 (offset ↑)', request: { offset: 90_000 } },
  ...SORTS.flatMap((sort) =>
    [false, true].map((descending) => ({ name: `sort ${sort} ${arrow(descending)}`, request: { sort, descending } })),
  ),
  ...SORTS.map((sort) => ({ name: `sort ${sort} ↓ @90,000`, request: { sort, descending: true, offset: 90_000 } })),
  { name: 'type heic', request: { filter: { formats: ['heic'] } } },
  { name: 'type jpeg, name ↑ @50,000', request: { filter: { formats: ['jpeg'] }, sort: 'name', offset: 50_000 } },
  { name: 'origin deleted, state complete', request: { filter: { origins: ['deleted'], states: ['complete'] } } },
  { name: 'date range 2018', request: { filter: { takenFrom: '2018-01-01', takenTo: '2018-12-31T23:59:59' } } },
  { name: 'date range 2018, date ↓', request: { filter: { takenFrom: '2018-01-01', takenTo: '2018-12-31T23:59:59' }, sort: 'takenAt', descending: true } },
  { name: 'camera "canon"', request: { filter: { camera: 'canon' } } },
  { name: 'camera "iphone", size ↓', request: { filter: { camera: 'iphone' }, sort: 'size', descending: true } },
  { name: 'text "img_12"', request: { filter: { text: 'img_12' } } },
  { name: 'text "100apple"', request: { filter: { text: '100apple' } } },
  { name: 'text matching nothing', request: { filter: { text: 'no-such-name' } } },
  { name: 'size ≥ 100 MB, size ↓', request: { filter: { minSize: 100_000_000 }, sort: 'size', descending: true } },
  {
    name: 'combined: jpeg+heic, deleted, iphone, 2019–22, "img", date ↓',
    request: {
      filter: { formats: ['jpeg', 'heic'], origins: ['deleted'], camera: 'iphone', takenFrom: '2019-01-01', takenTo: '2022-12-31T23:59:59', text: 'img' },
      sort: 'takenAt',
      descending: true,
    },
  },
  {
    name: 'combined: raw (tiff), canon, 10–40 MB, name ↑ @1,000',
    request: { filter: { formats: ['tiff'], camera: 'canon', minSize: 10_000_000, maxSize: 40_000_000 }, sort: 'name', offset: 1_000 },
  },
];
