'use client';
import type { Source } from '@afterimage/contracts';
import { useId, useState } from 'react';
import { useAgent } from '../lib/agent-context';
import { useImaging } from '../lib/use-imaging';
import { ImagingProgressView } from './imaging-progress';

function imageName(source: Source): string {
  return `${source.label.replace(/[^\w.-]+/g, '-').replace(/^-+|-+$/g, '') || source.id}.img`;
}

/**
 * "Make an image of this device first": copies the failing device to an image (good areas first,
 * with a ddrescue map so it can be resumed), then offers to scan the image instead of the device.
 */
export function ImageFirstPanel({ source, onScanImage }: { source: Source; onScanImage: (sourceId: string) => void }) {
  const id = useId();
  const { client, agentUrl, imagesFolder } = useAgent();
  const { view, start, cancel } = useImaging(client, agentUrl);
  const [path, setPath] = useState(`${imagesFolder}/${imageName(source)}`);
  const running = view.state?.status === 'running' || view.starting;
  const imageSourceId = view.state?.status === 'done' ? view.state.imageSourceId : undefined;
  return (
    <section className="image-first" aria-labelledby={`${id}-title`} data-testid="image-first">
      <h3 id={`${id}-title`}>Make an image of this device first</h3>
      <p className="step-hint">
        A device that gives read errors may be failing, and every pass over it can cost more of it. Afterimage copies it once, the good areas first, into an image on another drive, then
        scans the image.
      </p>
      <form
        className="recover-form"
        onSubmit={(e) => {
          e.preventDefault();
          void start(source.id, path.trim());
        }}
      >
        <label htmlFor={`${id}-path`} className="field-label">
          Write the image to
        </label>
        <div className="recover-row">
          <input id={`${id}-path`} className="input" value={path} onChange={(e) => setPath(e.target.value)} spellCheck={false} autoComplete="off" disabled={running} data-testid="image-path" />
          {running ? (
            <button type="button" className="btn btn-secondary" onClick={() => void cancel()}>
              Stop imaging
            </button>
          ) : (
            <button type="submit" className="btn btn-primary" disabled={!path.trim().startsWith('/')} data-testid="image-start">
              Make the image
            </button>
          )}
        </div>
        <p className="field-help">On a different drive from {source.path}, with room for {source.sizeBytes > 0 ? 'all of it' : 'the whole device'}. Stopped, it goes on where it stopped next time.</p>
      </form>
      {(view.state || view.starting) && <ImagingProgressView state={view.state} progress={view.progress} />}
      {view.error && (
        <p className="field-error" role="alert" data-testid="image-error">
          {view.error}
        </p>
      )}
      {imageSourceId && (
        <button type="button" className="btn btn-primary" onClick={() => onScanImage(imageSourceId)} data-testid="scan-image">
          Scan the image
        </button>
      )}
    </section>
  );
}
