import type { Finding } from './finding.js';
import type { FindingsPage, FindingsPageRequest } from './findings-page.js';
import type { RecoveryReport, RecoveryRequest } from './recovery.js';
import type { ScanEvent, ScanEventsInput, ScanRequest, ScanState, Thumbnail, FindingRef } from './scan.js';
import type { AddImageSource, Source } from './source.js';

/** One event of a scan's stream with the id a client resumes after (SSE Last-Event-ID). */
export interface NumberedScanEvent {
  id: string;
  event: ScanEvent;
}

/**
 * What the agent implements behind the router. Methods throw ServiceError for failures a person
 * should read; anything else is reported as an internal error.
 */
export interface AgentServices {
  listSources(): Promise<Source[]>;
  addImageSource(input: AddImageSource): Promise<Source>;
  startScan(request: ScanRequest): Promise<ScanState>;
  getScan(scanId: string): Promise<ScanState>;
  listScans(): Promise<ScanState[]>;
  listFindings(scanId: string): Promise<Finding[]>;
  findingsPage(request: FindingsPageRequest): Promise<FindingsPage>;
  scanEvents(input: ScanEventsInput, signal: AbortSignal | undefined): AsyncIterable<NumberedScanEvent>;
  thumbnail(ref: FindingRef): Promise<Thumbnail>;
  recover(request: RecoveryRequest): Promise<RecoveryReport>;
}

export interface AgentContext {
  services: AgentServices;
}
