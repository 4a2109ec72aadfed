import type { AgentConnection } from './agent-connection.js';
import { CliError, EXIT } from './exit-codes.js';

/** The handlers a tRPC subscription takes (the part used here). */
export interface SubscriptionHandlers<E> {
  onData(envelope: { id: string; data: E }): void;
  onError(error: unknown): void;
  onConnectionStateChange(state: { state: string; error: unknown }): void;
}

export type Subscribe<E> = (handlers: SubscriptionHandlers<E>) => { unsubscribe(): void };

/**
 * Follows an event stream until `finish` returns a value for an event (the job's end). A stream
 * that loses its connection is retried by the client; if the agent no longer answers, this fails
 * with exit 7 instead of waiting for ever.
 */
export function follow<E, T>(agent: AgentConnection, subscribe: Subscribe<E>, onEvent: (event: E) => void, finish: (event: E) => T | undefined): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let checking = false;
    let settled = false;
    const end = (fn: () => void) => {
      if (settled) return;
      settled = true;
      subscription.unsubscribe();
      fn();
    };
    const subscription = subscribe({
      onData: ({ data }) => {
        onEvent(data);
        const result = finish(data);
        if (result !== undefined) end(() => resolve(result));
      },
      onError: (error) => end(() => reject(error)),
      onConnectionStateChange: ({ state, error }) => {
        if (state !== 'connecting' || !error || checking) return;
        checking = true;
        void agent.alive().then((alive) => {
          checking = false;
          if (!alive) end(() => reject(new CliError(`The agent at ${agent.url} stopped answering.`, EXIT.agent)));
        });
      },
    });
  });
}
