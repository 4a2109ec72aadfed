/**
 * What a property list holds, binary or XML, and small typed accessors that read a field or give
 * `undefined` (never throw) when it is missing or of another type: the caller decides what is required.
 */

/** An NSKeyedArchiver object reference (bplist marker 0x8n): an index into `$objects`. */
export class PlistUid {
  constructor(readonly index: number) {}
}

export type PlistValue = null | boolean | number | bigint | string | Buffer | Date | PlistUid | PlistValue[] | PlistDict;

/** A dictionary built with a null prototype, so keys such as `__proto__` are plain keys. */
export interface PlistDict {
  [key: string]: PlistValue;
}

export function isDict(value: PlistValue | undefined): value is PlistDict {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    !Buffer.isBuffer(value) &&
    !(value instanceof Date) &&
    !(value instanceof PlistUid)
  );
}

export const dictAt = (dict: PlistDict | undefined, key: string): PlistDict | undefined => {
  const value = dict?.[key];
  return isDict(value) ? value : undefined;
};

export const stringAt = (dict: PlistDict | undefined, key: string): string | undefined => {
  const value = dict?.[key];
  return typeof value === 'string' ? value : undefined;
};

export const dataAt = (dict: PlistDict | undefined, key: string): Buffer | undefined => {
  const value = dict?.[key];
  return Buffer.isBuffer(value) ? value : undefined;
};

export const boolAt = (dict: PlistDict | undefined, key: string): boolean | undefined => {
  const value = dict?.[key];
  return typeof value === 'boolean' ? value : undefined;
};

/** A number field; a bigint (beyond 2^53) is returned as is so the caller can refuse it with its own words. */
export const numberAt = (dict: PlistDict | undefined, key: string): number | bigint | undefined => {
  const value = dict?.[key];
  return typeof value === 'number' || typeof value === 'bigint' ? value : undefined;
};

export const dateAt = (dict: PlistDict | undefined, key: string): Date | undefined => {
  const value = dict?.[key];
  return value instanceof Date && Number.isFinite(value.getTime()) ? value : undefined;
};
