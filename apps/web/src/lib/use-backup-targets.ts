'use client';
import type { AddBackupTarget } from '@afterimage/contracts';
import { useCallback } from 'react';
import { plainError, type AgentClient } from './agent-client';

/** Adds and removes backup targets; each answers undefined when it worked, else a sentence. */
export function useBackupTargets(client: AgentClient, agentUrl: string, onChange: () => void) {
  const add = useCallback(
    async (input: AddBackupTarget): Promise<string | undefined> => {
      try {
        await client.backup.targets.add.mutate(input);
        onChange();
        return undefined;
      } catch (error) {
        return plainError(error, agentUrl);
      }
    },
    [client, agentUrl, onChange],
  );
  const remove = useCallback(
    async (targetId: string): Promise<string | undefined> => {
      try {
        await client.backup.targets.remove.mutate({ targetId });
        onChange();
        return undefined;
      } catch (error) {
        return plainError(error, agentUrl);
      }
    },
    [client, agentUrl, onChange],
  );
  return { add, remove };
}
