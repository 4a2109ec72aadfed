import { randomUUID } from 'node:crypto';
import type { EmulatorResponse } from '../lib/server.js';

/**
 * Microsoft Graph's error body (https://learn.microsoft.com/graph/errors):
 * `{ "error": { "code": "itemNotFound", "message": "…", "innerError": { "request-id": "…", "date": "…" } } }`.
 * The codes used here are the documented ones: itemNotFound, invalidRequest, invalidRange (416),
 * nameAlreadyExists (409), quotaLimitReached (507), activityLimitReached (429), serviceNotAvailable
 * (503), generalException (500), notSupported, and InvalidAuthenticationToken for a 401.
 */
export function graphErrorBody(code: string, message: string): object {
  return { error: { code, message, innerError: { 'request-id': randomUUID(), date: new Date().toISOString().replace(/\.\d+Z$/, '') } } };
}

/** A Graph failure thrown inside the emulator's routes and turned into a response at the edge. */
export class GraphFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }

  toResponse(): EmulatorResponse {
    return { status: this.status, headers: this.headers, body: graphErrorBody(this.code, this.message) };
  }
}

export const notFound = (what: string) => new GraphFailure(404, 'itemNotFound', `The resource could not be found: ${what}`);
export const invalidRequest = (message: string) => new GraphFailure(400, 'invalidRequest', message);

/** The body the emulator core sends with an injected 429 or 5xx (Graph throttling sends Retry-After with both). */
export function graphFaultBody(status: number): object {
  if (status === 429) return graphErrorBody('activityLimitReached', 'The request has been throttled.');
  if (status === 503) return graphErrorBody('serviceNotAvailable', 'The service is temporarily unavailable. Please retry after some time.');
  if (status === 507) return graphErrorBody('quotaLimitReached', 'Insufficient Space Available');
  return graphErrorBody('generalException', 'An unspecified error has occurred.');
}

/** Runs a route; a GraphFailure becomes Graph's error response. */
export async function answering(route: () => EmulatorResponse | Promise<EmulatorResponse>): Promise<EmulatorResponse> {
  try {
    return await route();
  } catch (error) {
    if (error instanceof GraphFailure) return error.toResponse();
    throw error;
  }
}
