import { describe, expect, it } from 'vitest';
import { FOLDER_MEDIA_EXTENSIONS, isMediaFileName } from '@afterimage/fs-parsers';
import { carveFormats, formatFor } from '../formats/index.js';

describe("fs-parsers' media extension list (the folder walker's) and the carve formats agree", () => {
  it('every extension a carve format names is on the list, but MPEG-TS `.ts` (TypeScript, far more often)', () => {
    const carved = carveFormats.flatMap((f) => f.extensions).filter((e) => e !== 'ts');
    expect(carved.filter((e) => !FOLDER_MEDIA_EXTENSIONS.has(e))).toEqual([]);
    expect(isMediaFileName('types.ts')).toBe(false);
  });

  it('every extension on the list is one a carve format reads', () => {
    expect([...FOLDER_MEDIA_EXTENSIONS].filter((e) => !formatFor(e))).toEqual([]);
  });
});
