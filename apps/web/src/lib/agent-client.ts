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

/** A sentence a person can act on, whatever went wrong. */
export function plainError(error: unknown, agentUrl: string): string {
  if (error instanceof TRPCClientError) {
    const status = (error.data as { httpStatus?: number } | undefined)?.httpStatus;
    if (error.message === 'Failed to fetch' || error.message.includes('NetworkError') || error.message === 'fetch failed') {
      return `Cannot reach the Afterimage agent at ${agentUrl}. Is it running? Start it with "npm start".`;
    }
    if (status === 401) return 'The agent refused the dashboard\u2019s token. Restart the dashboard so it reads the current token.';
    return error.message;
  }
  if (error instanceof Error) return error.message;
  return String(error);
}
