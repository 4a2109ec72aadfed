import { randomUUID } from 'node:crypto';
import { isAbsolute, resolve } from 'node:path';
import type { AgentServices, Finding, FindingRef, RecoveryRequest, ScanRequest, Source } from '@afterimage/contracts';
import { ScanRequestSchema, ServiceError } from '@afterimage/contracts';
import { openFileSource, type ByteSource } from '@afterimage/fs-parsers';
import { assertDestinationOffSource } from './destination-guard.js';
import { recoverFiles } from './recover-files.js';
import { ScanSession, type ScanSink } from './scan-session.js';
import { describePath } from './sources.js';

export interface ScanPipelineOptions {
  includeLive: boolean;
  /** Keep a corrupt file's bytes after its last valid point (carve's keepCorrupt). */
  keepCorrupt: boolean;
  signal: AbortSignal;
  sink: ScanSink;
}

/** Finds the media on a source and reports each finding (with a fresh id) to the sink. */
export type ScanPipeline = (source: ByteSource, options: ScanPipelineOptions) => Promise<void>;
export type ThumbnailMaker = (source: ByteSource, finding: Finding) => Promise<{ mimeType: string; data: Buffer }>;

export interface AgentServicesOptions {
  version: string;
  demoCard?: Source;
  pipeline: ScanPipeline;
  thumbnail: ThumbnailMaker;
}

async function openSource(source: Source): Promise<ByteSource> {
  try {
    return await openFileSource(source.path);
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new ServiceError('NOT_FOUND', `${source.path} is gone.`, { cause });
    throw new ServiceError('UNREADABLE', `Cannot open ${source.path} for reading: ${(cause as Error).message}`, { cause });
  }
}

/** The agent's behaviour behind the tRPC router, with sessions kept in memory for now. */
export class LocalAgentServices implements AgentServices {
  private readonly sources = new Map<string, Source>();
  private readonly scans = new Map<string, { session: ScanSession; source: Source }>();

  constructor(private readonly options: AgentServicesOptions) {
    if (options.demoCard) this.sources.set(options.demoCard.id, options.demoCard);
  }

  async listSources(): Promise<Source[]> {
    return [...this.sources.values()];
  }

  async addImageSource(input: { path: string }): Promise<Source> {
    if (!isAbsolute(input.path)) throw new ServiceError('BAD_REQUEST', `Give an absolute path, not ${input.path}.`);
    const known = [...this.sources.values()].find((s) => s.path === resolve(input.path));
    if (known) return known;
    const described = await describePath(input.path, `src-${randomUUID().slice(0, 8)}`);
    const opened = await openSource(described);
    const source = { ...described, sizeBytes: opened.size };
    await opened.close();
    this.sources.set(source.id, source);
    return source;
  }

  async startScan(request: ScanRequest) {
    const { sourceId, includeLive, keepCorrupt } = ScanRequestSchema.parse(request);
    const source = this.sources.get(sourceId);
    if (!source) throw new ServiceError('NOT_FOUND', `No source ${sourceId}; list the sources first.`);
    const bytes = await openSource(source);
    const session = new ScanSession(`scan-${randomUUID().slice(0, 8)}`, source.id, bytes.size);
    this.scans.set(session.snapshot.id, { session, source });
    void this.options
      .pipeline(bytes, { includeLive, keepCorrupt, signal: session.abort.signal, sink: session })
      .then(
        () => session.finish('done'),
        (error: unknown) =>
          session.abort.signal.aborted ? session.finish('cancelled') : session.finish('failed', error instanceof Error ? error.message : String(error)),
      )
      .finally(() => bytes.close());
    return session.snapshot;
  }

  private scan(scanId: string) {
    const entry = this.scans.get(scanId);
    if (!entry) throw new ServiceError('NOT_FOUND', `No scan ${scanId}.`);
    return entry;
  }

  async getScan(scanId: string) {
    return this.scan(scanId).session.snapshot;
  }

  async listScans() {
    return [...this.scans.values()].map((s) => s.session.snapshot);
  }

  async listFindings(scanId: string) {
    return [...this.scan(scanId).session.findings.values()];
  }

  scanEvents(input: { scanId: string; lastEventId?: string | null }, signal: AbortSignal | undefined) {
    return this.scan(input.scanId).session.events(input.lastEventId, signal);
  }

  async thumbnail(ref: FindingRef) {
    const { session, source } = this.scan(ref.scanId);
    const finding = session.findings.get(ref.findingId);
    if (!finding) throw new ServiceError('NOT_FOUND', `No finding ${ref.findingId} in scan ${ref.scanId}.`);
    const bytes = await openSource(source);
    try {
      const thumb = await this.options.thumbnail(bytes, finding);
      return { mimeType: thumb.mimeType, dataBase64: thumb.data.toString('base64') };
    } catch (cause) {
      throw new ServiceError('UNREADABLE', `No preview can be made of ${finding.name}.`, { cause });
    } finally {
      await bytes.close();
    }
  }

  async recover(request: RecoveryRequest) {
    const { session, source } = this.scan(request.scanId);
    if (!session.finished) throw new ServiceError('CONFLICT', 'The scan is still running; recover when it is done.');
    if (!isAbsolute(request.destination)) throw new ServiceError('BAD_REQUEST', `Give an absolute destination, not ${request.destination}.`);
    const wanted = request.findingIds ?? [...session.findings.keys()];
    const findings = wanted.map((id) => {
      const finding = session.findings.get(id);
      if (!finding) throw new ServiceError('NOT_FOUND', `No finding ${id} in scan ${request.scanId}.`);
      return finding;
    });
    await assertDestinationOffSource(source.path, request.destination);
    const bytes = await openSource(source);
    try {
      return await recoverFiles({ source: bytes, sourcePath: source.path, destination: resolve(request.destination), findings, version: this.options.version });
    } finally {
      await bytes.close();
    }
  }
}
