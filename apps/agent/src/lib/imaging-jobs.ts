import { randomUUID } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { dirname, isAbsolute, resolve } from 'node:path';
import type { ImagingProgress, ImagingRequest, ImagingState, Source } from '@afterimage/contracts';
import { ImagingRequestSchema, ServiceError } from '@afterimage/contracts';
import { assertDestinationOffSource } from './destination-guard.js';
import { EventLog, type Numbered } from './event-log.js';
import { ImagingError, imageDevice } from './imaging/index.js';

export type ImagingEvent = { type: 'progress'; progress: ImagingProgress } | { type: 'done'; state: ImagingState };

interface Job {
  state: ImagingState;
  log: EventLog<ImagingEvent>;
  abort: AbortController;
}

/** What the imaging jobs need from the rest of the agent. */
export interface ImagingHost {
  source(id: string): Source;
  /** Makes the finished image a source of its own (to scan instead of the failing device). */
  addImage(path: string): Promise<Source>;
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Imaging jobs: a source (a failing device) copied to an image with a ddrescue map, in the
 * background, with progress a subscriber replays from any event id. The image and its map are
 * refused on the source device (rule 1 of DESIGN.md); a job that is stopped keeps its map, so a
 * new job with the same paths goes on where it stopped.
 */
export class ImagingJobs {
  private readonly jobs = new Map<string, Job>();

  constructor(private readonly host: ImagingHost) {}

  async start(request: ImagingRequest): Promise<ImagingState> {
    const { sourceId, imagePath, mapPath, sectorSize, retries } = ImagingRequestSchema.parse(request);
    if (!isAbsolute(imagePath) || (mapPath && !isAbsolute(mapPath))) throw new ServiceError('BAD_REQUEST', 'Give absolute paths for the image and its map.');
    const source = this.host.source(sourceId);
    const map = resolve(mapPath ?? `${imagePath}.map`);
    if ([resolve(imagePath), map].includes(resolve(source.path))) throw new ServiceError('FORBIDDEN', `Refusing to write over the source ${source.path}.`);
    for (const folder of new Set([dirname(resolve(imagePath)), dirname(map)])) {
      await assertDestinationOffSource(source.path, folder);
      await mkdir(folder, { recursive: true });
    }
    if ([...this.jobs.values()].some((j) => j.state.status === 'running' && (j.state.imagePath === resolve(imagePath) || j.state.mapPath === map))) {
      throw new ServiceError('CONFLICT', `${imagePath} is being written by another imaging job.`);
    }
    const state: ImagingState = { id: `img-${randomUUID().slice(0, 8)}`, sourceId, imagePath: resolve(imagePath), mapPath: map, status: 'running', startedAt: new Date().toISOString() };
    const job: Job = { state, log: new EventLog(), abort: new AbortController() };
    this.jobs.set(state.id, job);
    const onProgress = (progress: ImagingProgress) => {
      job.state = { ...job.state, progress };
      job.log.push({ type: 'progress', progress });
    };
    void imageDevice(source.path, { imagePath: state.imagePath, mapPath: map, sectorSize, retries, signal: job.abort.signal, onProgress })
      .then(async (result) => {
        const image = await this.host.addImage(state.imagePath);
        this.finish(job, { status: 'done', complete: result.complete, progress: result.progress, imageSourceId: image.id });
      })
      .catch((error: unknown) => {
        const status = job.abort.signal.aborted ? 'cancelled' : 'failed';
        this.finish(job, { status, ...(status === 'failed' ? { error: error instanceof ImagingError ? error.message : `Imaging stopped: ${message(error)}` } : {}) });
      });
    return state;
  }

  private finish(job: Job, end: Partial<ImagingState>): void {
    job.state = { ...job.state, ...end, finishedAt: new Date().toISOString() };
    job.log.push({ type: 'done', state: job.state });
    job.log.close();
  }

  private job(id: string): Job {
    const job = this.jobs.get(id);
    if (!job) throw new ServiceError('NOT_FOUND', `No imaging job ${id}.`);
    return job;
  }

  get(id: string): ImagingState {
    return this.job(id).state;
  }

  list(): ImagingState[] {
    return [...this.jobs.values()].map((j) => j.state);
  }

  cancel(id: string): ImagingState {
    const job = this.job(id);
    if (job.state.status !== 'running') throw new ServiceError('CONFLICT', `Imaging job ${id} is ${job.state.status}.`);
    job.abort.abort();
    return job.state;
  }

  events(id: string, lastEventId: string | null | undefined, signal?: AbortSignal): AsyncGenerator<Numbered<ImagingEvent>> {
    return this.job(id).log.events(lastEventId, signal);
  }
}
