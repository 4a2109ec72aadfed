import { ConfidenceSchema, FindingSortSchema, FoundBySchema, OriginSchema, TrashChoiceSchema, ValidationStateSchema } from '@afterimage/contracts';
import type { FindingFilter, FindingSort, FindingsPageRequest } from '@afterimage/contracts';
import { CliError, EXIT } from '../exit-codes.js';
import { parseSize } from '../format/units.js';
import { list } from './common.js';

/** The options of `afterimage findings` as parseArgs gives them. */
export interface FindingsOptions {
  type?: string[] | undefined;
  origin?: string[] | undefined;
  'found-by'?: string[] | undefined;
  state?: string[] | undefined;
  confidence?: string[] | undefined;
  trash?: string[] | undefined;
  camera?: string | undefined;
  'taken-from'?: string | undefined;
  'taken-to'?: string | undefined;
  'min-size'?: string | undefined;
  'max-size'?: string | undefined;
  text?: string | undefined;
  sort?: string | undefined;
  desc: boolean;
  limit?: string | undefined;
  offset?: string | undefined;
}

const usage = (message: string) => new CliError(`${message} (see afterimage findings --help).`, EXIT.usage);

function oneOf<T extends string>(option: string, values: string[] | undefined, allowed: readonly T[]): T[] | undefined {
  const given = list(values);
  const wrong = given?.find((v) => !(allowed as readonly string[]).includes(v));
  if (wrong !== undefined) throw usage(`--${option} ${wrong} is not one of ${allowed.join(', ')}`);
  return given as T[] | undefined;
}

const DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?$/;

/** A date bound; a whole day (`2024-06-15`) as the upper bound means up to its last moment. */
function date(option: string, text: string | undefined, upper: boolean): string | undefined {
  if (text === undefined) return undefined;
  if (!DATE.test(text)) throw usage(`--${option} ${text} is not a date like 2024-06-15 or 2024-06-15T14:30`);
  return upper && text.length === 10 ? `${text}T23:59:59.999` : text;
}

function size(option: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const bytes = parseSize(text);
  if (bytes === undefined) throw usage(`--${option} ${text} is not a size like 20000, 500K or 2MB`);
  return bytes;
}

function whole(option: string, text: string | undefined, min: number, max: number): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n < min || n > max) throw usage(`--${option} must be a whole number from ${min} to ${max}, not ${text}`);
  return n;
}

/** The agent's page request for the command's options; bad values are usage errors (exit 2). */
export function findingsRequest(scanId: string, o: FindingsOptions): FindingsPageRequest {
  const filter: FindingFilter = {};
  const formats = list(o.type)?.map((t) => t.toLowerCase());
  if (formats) filter.formats = formats;
  const origins = oneOf('origin', o.origin, OriginSchema.options);
  if (origins) filter.origins = origins;
  const foundBy = oneOf('found-by', o['found-by'], FoundBySchema.options);
  if (foundBy) filter.foundBy = foundBy;
  const states = oneOf('state', o.state, ValidationStateSchema.options);
  if (states) filter.states = states;
  const confidence = oneOf('confidence', o.confidence, ConfidenceSchema.options);
  if (confidence) filter.confidence = confidence;
  const trash = oneOf('trash', o.trash, TrashChoiceSchema.options);
  if (trash) filter.trash = trash;
  const takenFrom = date('taken-from', o['taken-from'], false);
  if (takenFrom) filter.takenFrom = takenFrom;
  const takenTo = date('taken-to', o['taken-to'], true);
  if (takenTo) filter.takenTo = takenTo;
  const minSize = size('min-size', o['min-size']);
  if (minSize !== undefined) filter.minSize = minSize;
  const maxSize = size('max-size', o['max-size']);
  if (maxSize !== undefined) filter.maxSize = maxSize;
  if (o.camera) filter.camera = o.camera;
  if (o.text) filter.text = o.text;
  const sort = o.sort === undefined ? 'offset' : (oneOf('sort', [o.sort], FindingSortSchema.options)?.[0] as FindingSort);
  return {
    scanId,
    filter,
    sort,
    descending: o.desc,
    offset: whole('offset', o.offset, 0, Number.MAX_SAFE_INTEGER) ?? 0,
    limit: whole('limit', o.limit, 1, 1000) ?? 200,
  };
}
