import type { Device } from '@afterimage/contracts';
import { deviceName, deviceNotes, transportLabel } from '../lib/device-notes';
import { formatBytes } from '../lib/format';

/** One disk or card of this computer, with what to know before scanning it, and its partitions. */
export function DeviceCard({ device, selectedPath, busyId, disabled, onPick }: { device: Device; selectedPath: string | undefined; busyId: string | undefined; disabled: boolean; onPick: (device: Device) => void }) {
  const notes = deviceNotes(device);
  const transport = transportLabel(device);
  const empty = device.sizeBytes === 0;
  const selected = selectedPath === device.path;
  return (
    <div className={`device${device.isSystem ? ' is-system' : ''}${selected ? ' is-selected' : ''}`} data-testid="device-card" data-device-id={device.id} data-system={device.isSystem || undefined}>
      <button type="button" role="radio" aria-checked={selected} className="device-pick" disabled={disabled || empty} onClick={() => onPick(device)}>
        <span className={`source-icon kind-device${device.removable ? ' is-removable' : ''}`} aria-hidden />
        <span className="source-text">
          <span className="source-label">{busyId === device.id ? 'Opening…' : deviceName(device)}</span>
          <span className="source-meta">
            <span className="chip">{device.removable ? 'Removable' : device.isSystem ? 'System disk' : 'Disk'}</span>
            <span>{empty ? 'no medium' : formatBytes(device.sizeBytes)}</span>
            {transport && <span>{transport}</span>}
          </span>
          <span className="source-path">
            {device.path}
            {device.filesystem?.label ? ` · “${device.filesystem.label}”` : ''}
          </span>
        </span>
      </button>
      {notes.map((note) => (
        <p key={note.text} className={`device-note note-${note.tone}`} data-testid={note.tone === 'warn' ? 'device-warning' : 'device-info'}>
          {note.text}
        </p>
      ))}
      {device.partitions.length > 0 && (
        <ul className="partitions" aria-label={`Partitions of ${device.path}`}>
          {device.partitions.map((p) => (
            <li key={p.id}>
              <button type="button" role="radio" aria-checked={selectedPath === p.path} className={`partition${selectedPath === p.path ? ' is-selected' : ''}`} disabled={disabled || p.sizeBytes === 0} onClick={() => onPick(p)} data-testid="partition">
                <span className="partition-name">{busyId === p.id ? 'Opening…' : (p.filesystem?.label ?? p.id)}</span>
                <span className="partition-meta">
                  {[p.filesystem?.type?.toUpperCase(), formatBytes(p.sizeBytes), p.mountpoints.length ? `mounted at ${p.mountpoints.join(', ')}` : undefined].filter(Boolean).join(' · ')}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
