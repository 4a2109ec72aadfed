export { ScanThread, ScanThreadStoppedError } from './scan-thread.js';
export type { ScanHandlers, ScanThreadOptions } from './scan-thread.js';
export { scanFileOf, threadedScanPipeline } from './thread-pipeline.js';
export type { ScanFile, ScanThreadHooks } from './protocol.js';
