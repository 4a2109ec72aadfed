/**
 * Recovery jobs: a request (ids, or a filter less the ids left out) checked up front, then the files
 * copied, verified and reported in the background, with events a subscriber follows from any id.
 */
export { RecoveryJobs } from './recovery-jobs.js';
export type { RecoveryHost, RecoveryReader } from './recovery-jobs.js';
export { selectFindings } from './recovery-selection.js';
