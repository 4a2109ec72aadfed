import { describe, expect, it } from 'vitest';
import {
  AmbiguousFilesystemError,
  CorruptError,
  FsParserError,
  InvalidReadError,
  TruncatedError,
  UnsupportedError,
  isFsParserError,
} from './errors.js';

describe('errors', () => {
  it('every error is an FsParserError with its own code and keeps its cause', () => {
    const cause = new Error('EIO');
    const cases: [FsParserError, string][] = [
      [new FsParserError('read failed', { cause }), 'IO'],
      [new InvalidReadError('bad offset', { cause }), 'INVALID_READ'],
      [new TruncatedError('short', { cause }), 'TRUNCATED'],
      [new CorruptError('nonsense', { cause }), 'CORRUPT'],
      [new UnsupportedError('later', { cause }), 'UNSUPPORTED'],
    ];
    for (const [error, code] of cases) {
      expect(error).toBeInstanceOf(FsParserError);
      expect(error).toBeInstanceOf(Error);
      expect(isFsParserError(error)).toBe(true);
      expect(error.code).toBe(code);
      expect(error.cause).toBe(cause);
    }
    expect(new CorruptError('x').name).toBe('CorruptError');
  });

  it('an ambiguous detection names both candidates', () => {
    const error = new AmbiguousFilesystemError(['fat16', 'exfat'], 'card.img');
    expect(error.code).toBe('AMBIGUOUS');
    expect(error.candidates).toEqual(['fat16', 'exfat']);
    expect(error.message).toContain('fat16');
    expect(error.message).toContain('exfat');
    expect(error.message).toContain('card.img');
  });

  it('tells foreign errors apart', () => {
    expect(isFsParserError(new Error('x'))).toBe(false);
    expect(isFsParserError('CORRUPT')).toBe(false);
  });
});
