/** The canonical status names Google APIs put in `error.status` for each HTTP status (google.rpc.Code). */
const STATUS_NAMES: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  409: 'ALREADY_EXISTS',
  413: 'INVALID_ARGUMENT',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  503: 'UNAVAILABLE',
};

/**
 * Google's JSON error body: `{ "error": { "code", "message", "status" } }` (google.rpc.Status over HTTP).
 * APIs of the older style (Drive v3) add the legacy `errors` list before `status`.
 */
export function googleErrorBody(code: number, message: string, errors?: object[]): object {
  return { error: { code, message, ...(errors ? { errors } : {}), status: STATUS_NAMES[code] ?? 'UNKNOWN' } };
}
