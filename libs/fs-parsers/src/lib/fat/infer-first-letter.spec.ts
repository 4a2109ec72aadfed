import { describe, expect, it } from 'vitest';
import type { FsEntry } from '../filesystem.js';
import { inferLostFirstLetters } from './infer-first-letter.js';
import { LOST_FIRST_CHARACTER } from './long-names.js';

function entry(path: string, deleted = false, lost = false): FsEntry {
  return {
    path,
    name: path.slice(path.lastIndexOf('/') + 1),
    isDirectory: false,
    deleted,
    size: 1,
    firstCluster: 3,
    byteRuns: [],
    confidence: 'unknown',
    notes: lost ? [LOST_FIRST_CHARACTER] : [],
  };
}

describe('inferring the first letter of deleted 8.3 names', () => {
  it('takes it from look-alike names in the same folder and says so', () => {
    const entries = [entry('/DCIM/100CANON/IMG_0001.JPG'), entry('/DCIM/100CANON/IMG_0004.JPG'), entry('/DCIM/100CANON/_MG_0002.JPG', true, true)];
    inferLostFirstLetters(entries);
    const guessed = entries[2]!;
    expect(guessed.inferredName).toBe('IMG_0002.JPG');
    expect(guessed.name).toBe('_MG_0002.JPG');
    expect(guessed.notes.at(-1)).toContain("'I' inferred from IMG_0001.JPG");
  });

  it('guesses nothing when look-alikes disagree, live in another folder, or do not exist', () => {
    const entries = [
      entry('/A/IMG_0001.JPG'),
      entry('/A/XMG_0003.JPG'),
      entry('/A/_MG_0002.JPG', true, true),
      entry('/B/DSC00001.JPG'),
      entry('/C/_SC00002.JPG', true, true),
      entry('/D/_OTES.TXT', true, true),
    ];
    inferLostFirstLetters(entries);
    expect(entries.filter((e) => e.inferredName)).toEqual([]);
  });

  it("takes it from the camera's names of another type when none of the same type is left (a RAW or a movie among JPEGs)", () => {
    const entries = [entry('/DCIM/IMG_0030.JPG'), entry('/DCIM/_MG_0031.CR3', true, true), entry('/DCIM/_VI_0032.MP4', true, true)];
    inferLostFirstLetters(entries);
    expect(entries[1]!.inferredName).toBe('IMG_0031.CR3');
    // MVI_ (Canon's movies) is not IMG_: no look-alike, no guess.
    expect(entries[2]!.inferredName).toBeUndefined();
  });

  it('prefers look-alikes of the same type when both kinds exist', () => {
    const entries = [entry('/DCIM/IMG_0030.JPG'), entry('/DCIM/MVI_0031.MP4'), entry('/DCIM/_VI_0032.MP4', true, true)];
    inferLostFirstLetters(entries);
    expect(entries[2]!.inferredName).toBe('MVI_0032.MP4');
  });

  it('leaves names that were never lost alone', () => {
    const entries = [entry('/A/IMG_0001.JPG'), entry('/A/_MG_0002.JPG', true, false)];
    inferLostFirstLetters(entries);
    expect(entries[1]!.inferredName).toBeUndefined();
  });
});
