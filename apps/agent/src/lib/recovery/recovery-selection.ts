import type { Finding, RecoveryRequest } from '@afterimage/contracts';
import { ServiceError } from '@afterimage/contracts';
import type { FindingsRepo } from '../store/findings-repo.js';
import { selectedFindings } from '../store/findings-selection.js';
import type { Db } from '../store/open-store.js';

/**
 * The findings a recovery request names: its `findingIds` (each must be the scan's; named twice,
 * recovered once), or those matching its `filter` (the whole scan without one) less `exceptIds`,
 * chosen in the database.
 */
export function selectFindings(db: Db, findings: FindingsRepo, request: RecoveryRequest): Finding[] {
  const { scanId, findingIds, filter, exceptIds } = request;
  if (!findingIds) return selectedFindings(db, scanId, filter ?? {}, exceptIds ?? []);
  if (filter || exceptIds) throw new ServiceError('BAD_REQUEST', 'Give either the findings to recover (findingIds) or a filter with the ones to leave out (exceptIds), not both.');
  return [...new Set(findingIds)].map((findingId) => {
    const finding = findings.get(scanId, findingId);
    if (!finding) throw new ServiceError('NOT_FOUND', `No finding ${findingId} in scan ${scanId}.`);
    return finding;
  });
}
