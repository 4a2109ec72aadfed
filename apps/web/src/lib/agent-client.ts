import type { AppRouter } from '@afterimage/contracts';
import { createTRPCClient, httpBatchLink, httpSubscriptionLink, splitLink, TRPCClientError } from '@trpc/client';

export type AgentClient = ReturnType<typeof createAgentClient>;

/** Subscriptions over SSE (EventSource sends no headers: the token rides in connectionParams), the rest batched. */
export function createAgentClient(agentUrl: string, token: string) {
  const url = `${agentUrl}/trpc`;
  return createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => op.type === 'subscription',
        true: httpSubscriptionLink({ url, connectionParams: { token } }),
        false: httpBatchLink({ url, headers: { authorization: `Bearer ${token}` } }),
      }),
    ],
  });
}

const NETWORK_FAILURES = ['Failed to fetch', 'fetch failed', 'Load failed', 'NetworkError'];

/** True when the agent did not answer at all (stopped, or never started), rather than refusing. */
export function isUnreachable(error: unknown): boolean {
  if (!(error instanceof TRPCClientError)) return false;
  const status = (error.data as { httpStatus?: number } | undefined)?.httpStatus;
  return status === undefined && NETWORK_FAILURES.some((text) => error.message.includes(text));
}

/** A sentence a person can act on, whatever went wrong: the agent's own words when it gave some. */
export function plainError(error: unknown, agentUrl: string): string {
  if (error instanceof TRPCClientError) {
    const status = (error.data as { httpStatus?: number } | undefined)?.httpStatus;
    if (isUnreachable(error)) {
      return `Cannot reach the Afterimage agent at ${agentUrl.replace(/^https?:\/\//, '')}. Is it running? Start it with "npm start"; what it found so far is kept.`;
    }
    if (status === 401) return 'The agent refused the dashboard\u2019s token. Restart the dashboard so it reads the current token.';
    // A zod refusal of the input arrives as JSON: say what was refused instead of printing it.
    if (error.message.trimStart().startsWith('[')) return 'The agent did not accept the request: a value is missing or not in the form it expects.';
    return error.message;
  }
  if (error instanceof Error) return error.message;
  return String(error);
}
