'use client';
import type { ImagingEvent, ImagingProgress, ImagingState } from '@afterimage/contracts';
import { useCallback, useEffect, useRef, useState } from 'react';
import { plainError, type AgentClient } from './agent-client';

export interface ImagingView {
  state?: ImagingState;
  progress?: ImagingProgress;
  error?: string;
  starting: boolean;
}

/**
 * "Make an image of this device first": imaging.start, then imaging.events for ddrescue-style
 * progress and the end, when the image becomes a source of its own to scan instead.
 */
export function useImaging(client: AgentClient, agentUrl: string, existing?: ImagingState) {
  const [view, setView] = useState<ImagingView>({ starting: false, ...(existing ? { state: existing, progress: existing.progress } : {}) });
  const subscription = useRef<{ unsubscribe(): void } | undefined>(undefined);

  const follow = useCallback(
    (imagingId: string) => {
      subscription.current?.unsubscribe();
      subscription.current = client.imaging.events.subscribe(
        { imagingId },
        {
          onData: ({ data }: { data: ImagingEvent }) =>
            setView((v) => (data.type === 'progress' ? { ...v, progress: data.progress } : { ...v, state: data.state, progress: data.state.progress ?? v.progress })),
          onError: (error) => setView((v) => ({ ...v, error: plainError(error, agentUrl) })),
        },
      );
    },
    [client, agentUrl],
  );

  useEffect(() => {
    if (existing?.status === 'running') follow(existing.id);
    return () => subscription.current?.unsubscribe();
  }, [existing?.id, existing?.status, follow]);

  const start = useCallback(
    async (sourceId: string, imagePath: string) => {
      setView({ starting: true });
      try {
        const state = await client.imaging.start.mutate({ sourceId, imagePath });
        setView({ starting: false, state });
        follow(state.id);
      } catch (error) {
        setView({ starting: false, error: plainError(error, agentUrl) });
      }
    },
    [client, agentUrl, follow],
  );

  const cancel = useCallback(async () => {
    if (!view.state) return;
    await client.imaging.cancel.mutate({ imagingId: view.state.id }).catch((error: unknown) => setView((v) => ({ ...v, error: plainError(error, agentUrl) })));
  }, [client, agentUrl, view.state]);

  return { view, start, cancel };
}
