import { randomUUID } from 'node:crypto';

/** A fresh id for a finding of a scan (the scan pipelines', on either thread). */
export const newFindingId = (): string => `f-${randomUUID().slice(0, 12)}`;
