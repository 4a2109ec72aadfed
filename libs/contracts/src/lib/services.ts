import type { Finding } from './finding.js';
import type { FindingsPage, FindingsPageRequest } from './findings-page.js';
import type { RecoveryJob, RecoveryReport, RecoveryRequest } from './recovery.js';
import type { ScanEvent, ScanEventsInput, ScanRequest, ScanState, Thumbnail, FindingRef } from './scan.js';
import type { AddImageSource, Source } from './source.js';
import type { AddDeviceSource, Device } from './device.js';
import type { ImagingEvent, ImagingEventsInput, ImagingRequest, ImagingState } from './imaging.js';

/** One event of a stream with the id a client resumes after (SSE Last-Event-ID). */
export interface Numbered<E> {
  id: string;
  event: E;
}
export type NumberedScanEvent = Numbered<ScanEvent>;

/**
 * What the agent implements behind the router. Methods throw ServiceError for failures a person
 * should read; anything else is reported as an internal error.
 */
export interface AgentServices {
  listSources(): Promise<Source[]>;
  addImageSource(input: AddImageSource): Promise<Source>;
  listDevices(): Promise<Device[]>;
  /** A disk or partition as a source, opened read-only. */
  addDeviceSource(input: AddDeviceSource): Promise<Source>;
  startScan(request: ScanRequest): Promise<ScanState>;
  cancelScan(scanId: string): Promise<ScanState>;
  /** Stops at the last checkpoint; resumeScan goes on from there. */
  pauseScan(scanId: string): Promise<ScanState>;
  resumeScan(scanId: string): Promise<ScanState>;
  getScan(scanId: string): Promise<ScanState>;
  listScans(): Promise<ScanState[]>;
  listFindings(scanId: string): Promise<Finding[]>;
  findingsPage(request: FindingsPageRequest): Promise<FindingsPage>;
  scanEvents(input: ScanEventsInput, signal: AbortSignal | undefined): AsyncIterable<NumberedScanEvent>;
  thumbnail(ref: FindingRef): Promise<Thumbnail>;
  recover(request: RecoveryRequest): Promise<RecoveryReport>;
  /** Past and running recoveries, oldest first. */
  listRecoveries(): Promise<RecoveryJob[]>;
  startImaging(request: ImagingRequest): Promise<ImagingState>;
  getImaging(imagingId: string): Promise<ImagingState>;
  listImaging(): Promise<ImagingState[]>;
  cancelImaging(imagingId: string): Promise<ImagingState>;
  imagingEvents(input: ImagingEventsInput, signal: AbortSignal | undefined): AsyncIterable<Numbered<ImagingEvent>>;
}

export interface AgentContext {
  services: AgentServices;
}
