// The agent's tRPC API over real HTTP with plain fetch, as a dashboard or the CLI reaches it: queries
// (GET ?input=), mutations (POST JSON) and subscriptions (Server-Sent Events), with the bearer token.

export interface AgentAddress {
  url: string;
  token: string;
}

/** A tRPC error answer: the HTTP status and the agent's service code (NOT_FOUND, BAD_REQUEST…). */
export class TrpcHttpError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly serviceCode: string | undefined,
  ) {
    super(message);
    this.name = 'TrpcHttpError';
  }
}

const headers = (agent: AgentAddress) => ({ authorization: `Bearer ${agent.token}`, 'content-type': 'application/json' });
const withInput = (agent: AgentAddress, path: string, input: unknown) => `${agent.url}/trpc/${path}${input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`}`;

async function answer<T>(response: Response): Promise<T> {
  const body = (await response.json()) as { result?: { data: T }; error?: { message: string; data?: { serviceCode?: string } } };
  if (body.error || !body.result) throw new TrpcHttpError(body.error?.message ?? 'no result', response.status, body.error?.data?.serviceCode);
  return body.result.data;
}

export async function query<T>(agent: AgentAddress, path: string, input?: unknown): Promise<T> {
  return answer<T>(await fetch(withInput(agent, path, input), { headers: headers(agent) }));
}

export async function mutate<T>(agent: AgentAddress, path: string, input?: unknown): Promise<T> {
  return answer<T>(await fetch(`${agent.url}/trpc/${path}`, { method: 'POST', headers: headers(agent), body: JSON.stringify(input ?? null) }));
}

/** One message of a subscription: its id (tracked events) and its data. */
export interface SseMessage<T> {
  id?: string;
  data: T;
}

/**
 * Reads a subscription until the server ends it (tRPC's `return` event) or `until` says a message is
 * the last wanted; an error event throws a TrpcHttpError.
 */
export async function subscribe<T>(agent: AgentAddress, path: string, input: unknown, until: (message: SseMessage<T>) => boolean = () => false): Promise<SseMessage<T>[]> {
  const abort = new AbortController();
  const response = await fetch(withInput(agent, path, input), { headers: headers(agent), signal: abort.signal });
  if (!response.body) throw new TrpcHttpError('no event stream', response.status, undefined);
  const messages: SseMessage<T>[] = [];
  const decoder = new TextDecoder();
  let buffered = '';
  try {
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      buffered += decoder.decode(chunk, { stream: true });
      let end: number;
      while ((end = buffered.indexOf('\n\n')) >= 0) {
        const block = buffered.slice(0, end);
        buffered = buffered.slice(end + 2);
        const fields = new Map<string, string>();
        for (const line of block.split('\n')) {
          const colon = line.indexOf(':');
          if (colon > 0) fields.set(line.slice(0, colon), (fields.get(line.slice(0, colon)) ?? '') + line.slice(colon + 1).trimStart());
        }
        const event = fields.get('event');
        if (event === 'return') return messages;
        if (event === 'serialized-error') {
          const error = JSON.parse(fields.get('data') ?? '{}') as { message?: string; data?: { httpStatus?: number; serviceCode?: string } };
          throw new TrpcHttpError(error.message ?? 'subscription failed', error.data?.httpStatus ?? 500, error.data?.serviceCode);
        }
        if (event || !fields.has('data')) continue;
        const id = fields.get('id');
        const message: SseMessage<T> = { ...(id !== undefined ? { id } : {}), data: JSON.parse(fields.get('data') as string) as T };
        messages.push(message);
        if (until(message)) return messages;
      }
    }
    return messages;
  } finally {
    abort.abort();
  }
}
