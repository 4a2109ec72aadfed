import type { Finding } from '@afterimage/contracts';
import type { ReactNode } from 'react';
import { CONFIDENCE_HINT, CONFIDENCE_LABEL, FOUND_BY_LABEL, formatLabel, originWords, STATE_HINT, STATE_LABEL } from '../lib/finding-labels';
import { formatBytes, formatCamera, formatCount, formatTakenAt } from '../lib/format';
import { trashBadge, trashSentence } from '../lib/trash-labels';

const RUNS_SHOWN = 8;

function Fact({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <>
      <dt>{label}</dt>
      <dd data-testid={testId}>{children}</dd>
    </>
  );
}

function when(iso: string | undefined): string | undefined {
  if (!iso) return undefined;
  return formatTakenAt(iso) ?? iso;
}

/** The other half of a Live Photo, as the details show it: its name when known, and a way to open it. */
export interface LivePartner {
  name: string | undefined;
  onShow: () => void;
}

/**
 * Everything known of one finding, in words: where it was, what trash kept it and until when, its
 * Live Photo partner, what EXIF says, how sure the agent is.
 */
export function FindingFacts({ finding, partner }: { finding: Finding; partner?: LivePartner | undefined }) {
  const m = finding.metadata;
  const origin = originWords(finding);
  const now = Date.now();
  const camera = formatCamera(m.make, m.model);
  const state = finding.validation.state;
  const runs = finding.byteRuns;
  return (
    <div className="facts">
      <dl className="fact-list" data-testid="preview-facts">
        <Fact label="Original name">{finding.originalPath ? finding.originalPath.split('/').pop() : <span className="muted">Not known: named from {m.takenAt ? 'its EXIF date' : 'where it was found'}</span>}</Fact>
        <Fact label="Original path" testId="preview-path">
          {finding.originalPath ?? <span className="muted">Not known (no filesystem entry named it)</span>}
        </Fact>
        {finding.trash && (
          <Fact label="Kept by" testId="preview-trash">
            <span className={`badge badge-trash trash-${finding.trash.by}`}>{trashBadge(finding.trash, now)}</span> {trashSentence(finding.trash, now)}
          </Fact>
        )}
        {finding.livePhotoPair && (
          <Fact label="Live Photo" testId="preview-live">
            {finding.mimeType.startsWith('video/') ? 'The movie of a Live Photo; its still is ' : 'A Live Photo; its movie is '}
            <button type="button" className="link-button" onClick={partner?.onShow} disabled={!partner} data-testid="preview-live-partner" data-partner-id={finding.livePhotoPair}>
              {partner?.name ?? 'the other half'}
            </button>
            . Both are chosen together and recovered under the same name.
          </Fact>
        )}
        {finding.file && (
          <Fact label="File in the folder" testId="preview-file">
            <code className="hash">{finding.file.path}</code>
          </Fact>
        )}
        <Fact label="Type">
          {formatLabel(finding.format)} · {finding.mimeType}
        </Fact>
        <Fact label="Size">
          {formatBytes(finding.size)} ({formatCount(finding.size)} bytes)
        </Fact>
        <Fact label="Taken" testId="preview-taken">
          {when(m.takenAt) ?? <span className="muted">No date in the file</span>}
        </Fact>
        <Fact label="Camera" testId="preview-camera">
          {camera ?? <span className="muted">Not recorded</span>}
        </Fact>
        {m.lens && <Fact label="Lens">{m.lens}</Fact>}
        {m.width && m.height && (
          <Fact label="Dimensions">
            {m.width} × {m.height} px{m.orientation && m.orientation !== 1 ? ` (orientation ${m.orientation})` : ''}
          </Fact>
        )}
        {m.gps && (
          <Fact label="Location">
            {m.gps.latitude.toFixed(5)}, {m.gps.longitude.toFixed(5)}
          </Fact>
        )}
        {finding.times?.modifiedAt && <Fact label="Last changed">{when(finding.times.modifiedAt)}</Fact>}
        {finding.times?.createdAt && <Fact label="Created">{when(finding.times.createdAt)}</Fact>}
        {finding.times?.deletedAt && <Fact label="Deleted">{when(finding.times.deletedAt)}</Fact>}
        <Fact label="Status">
          <span title={origin.hint}>{origin.label}</span> · {FOUND_BY_LABEL[finding.foundBy]}
        </Fact>
        <Fact label="State" testId="preview-state">
          <span className={`badge badge-${state}`}>{STATE_LABEL[state]}</span> {STATE_HINT[state]}
        </Fact>
        {finding.validation.reasons.length > 0 && (
          <Fact label="Why" testId="preview-reasons">
            <ul className="reasons">
              {finding.validation.reasons.map((r) => (
                <li key={r}>{r}</li>
              ))}
            </ul>
          </Fact>
        )}
        {finding.confidence && (
          <Fact label="Recoverability">
            {CONFIDENCE_LABEL[finding.confidence]}: {CONFIDENCE_HINT[finding.confidence]}
          </Fact>
        )}
        {!finding.file && (
          <Fact label="Where on the source" testId="preview-runs">
            <ul className="runs">
              {runs.slice(0, RUNS_SHOWN).map((r) => (
                <li key={r.offset}>
                  {formatBytes(r.length)} at byte {formatCount(r.offset)}
                </li>
              ))}
              {runs.length > RUNS_SHOWN && <li className="muted">and {runs.length - RUNS_SHOWN} more pieces</li>}
            </ul>
          </Fact>
        )}
        <Fact label="SHA-256">
          <code className="hash">{finding.sha256}</code>
        </Fact>
      </dl>
    </div>
  );
}
