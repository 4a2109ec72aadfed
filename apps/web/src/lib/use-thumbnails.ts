'use client';
import type { Finding } from '@afterimage/contracts';
import { useEffect, useRef, useState } from 'react';
import type { AgentClient } from './agent-client';

export type Thumb = { status: 'loading' } | { status: 'ready'; src: string } | { status: 'none' };

/** Asks the agent for a preview of each new finding once; the batch link groups the requests. */
export function useThumbnails(client: AgentClient, scanId: string | undefined, findings: Finding[]) {
  const [thumbs, setThumbs] = useState<Record<string, Thumb>>({});
  const asked = useRef(new Set<string>());

  useEffect(() => {
    asked.current = new Set();
    setThumbs({});
  }, [scanId]);

  useEffect(() => {
    if (!scanId) return;
    for (const finding of findings) {
      if (asked.current.has(finding.id)) continue;
      asked.current.add(finding.id);
      setThumbs((t) => ({ ...t, [finding.id]: { status: 'loading' } }));
      client.findings.thumbnail.query({ scanId, findingId: finding.id }).then(
        ({ mimeType, dataBase64 }) => setThumbs((t) => ({ ...t, [finding.id]: { status: 'ready', src: `data:${mimeType};base64,${dataBase64}` } })),
        () => setThumbs((t) => ({ ...t, [finding.id]: { status: 'none' } })),
      );
    }
  }, [client, scanId, findings]);

  return thumbs;
}
