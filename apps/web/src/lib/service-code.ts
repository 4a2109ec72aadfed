import type { ServiceErrorCode } from '@afterimage/contracts';
import { TRPCClientError } from '@trpc/client';

/** The agent's own code for a refusal (error.data.serviceCode), when it sent one. */
export function serviceCode(error: unknown): ServiceErrorCode | undefined {
  if (!(error instanceof TRPCClientError)) return undefined;
  const code = (error.data as { serviceCode?: unknown } | undefined)?.serviceCode;
  return typeof code === 'string' ? (code as ServiceErrorCode) : undefined;
}

/**
 * Runs an action; when the agent answers NEEDS_PASSWORD (an encrypted backup whose password it does
 * not hold, e.g. after a restart) asks for it with `unlock`, then runs the action again. `unlock`
 * resolves false when the person gave up: the agent's refusal is then thrown as it came.
 */
export async function withPassword<T>(action: () => Promise<T>, unlock: () => Promise<boolean>): Promise<T> {
  for (;;) {
    try {
      return await action();
    } catch (error) {
      if (serviceCode(error) !== 'NEEDS_PASSWORD' || !(await unlock())) throw error;
    }
  }
}
