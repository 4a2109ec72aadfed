import type { BackupTargetConfig, TrashList } from '@afterimage/contracts';
import { GooglePhotosSteps } from './google-photos-steps';

/** Targets whose trash cannot be listed, each with its plain reason; Google Photos with the app's steps. */
export function TrashUnavailable({ unavailable, targets }: { unavailable: TrashList['unavailable']; targets: BackupTargetConfig[] }) {
  const kindOf = (id: string) => targets.find((t) => t.id === id)?.kind;
  const others = unavailable.filter((u) => kindOf(u.targetId) !== 'google-photos');
  return (
    <div className="unavailable" data-testid="trash-unavailable">
      {others.length > 0 && (
        <ul className="unavailable-list">
          {others.map((u) => (
            <li key={u.targetId} data-testid="trash-unavailable-row" data-target-id={u.targetId}>
              <span className={`kind-icon kind-${kindOf(u.targetId) ?? 'unknown'}`} aria-hidden />
              <div>
                <p className="target-title">{u.title}</p>
                <p className="unavailable-reason" data-testid="trash-unavailable-reason">
                  {u.reason}
                </p>
              </div>
            </li>
          ))}
        </ul>
      )}
      <GooglePhotosSteps />
    </div>
  );
}
