import type { Finding } from '@afterimage/contracts';
import type { AgentClient } from './agent-client';

/** "IMG_0001" of "IMG_0001.HEIC": the two halves of a Live Photo share it. */
export function baseName(name: string): string {
  return name.replace(/\.[^./]+$/, '');
}

/**
 * The other half of a Live Photo when it is not among the pages in view: findings.page has no lookup
 * by id, so it is asked for by the shared base name and picked out by its id.
 */
export async function fetchPartner(client: AgentClient, scanId: string, finding: Finding): Promise<Finding | undefined> {
  const id = finding.livePhotoPair;
  if (!id) return undefined;
  const page = await client.findings.page.query({ scanId, filter: { text: baseName(finding.name) }, limit: 100 });
  return page.findings.find((f) => f.id === id);
}
