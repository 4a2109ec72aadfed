import { describe, expect, it } from 'vitest';
import { EXIT } from '../exit-codes.js';
import { findingsRequest } from './findings-request.js';

describe('afterimage findings --trash', () => {
  it('filters by any trash, none, or the trashes named (comma-separated or repeated)', () => {
    expect(findingsRequest('s', { desc: false, trash: ['any'] }).filter).toEqual({ trash: ['any'] });
    expect(findingsRequest('s', { desc: false, trash: ['android-trash,recycle-bin', 'none'] }).filter).toEqual({ trash: ['android-trash', 'recycle-bin', 'none'] });
  });

  it('refuses a trash it does not know, saying which ones it knows', () => {
    expect(() => findingsRequest('s', { desc: false, trash: ['mac-trash'] })).toThrow(expect.objectContaining({ exitCode: EXIT.usage, message: expect.stringContaining('--trash mac-trash is not one of any, none, iphone-recently-deleted') }));
  });
});
