import type { Device, Source } from '@afterimage/contracts';
import type { DevicesState } from '../lib/use-devices';
import type { SourcesState } from '../lib/use-sources';
import { AddFolderForm } from './add-folder-form';
import { AddImageForm } from './add-image-form';
import { DeviceCard } from './device-card';
import { Notice } from './notice';
import { SourceCard } from './source-card';

interface Props {
  sources: SourcesState;
  devices: DevicesState;
  selected: Source | undefined;
  busyDeviceId: string | undefined;
  deviceError: string | undefined;
  onSelect: (sourceId: string) => void;
  onPickDevice: (device: Device) => void;
  onAddImage: (path: string) => Promise<string | undefined>;
  onAddFolder: (path: string) => Promise<string | undefined>;
  onRefreshDevices: () => void;
  onRetrySources: () => void;
}

function allPaths(devices: readonly Device[]): Set<string> {
  return new Set(devices.flatMap((d) => [d.path, ...d.partitions.map((p) => p.path)]));
}

/** Step 1: the cards and drives of this computer, then images and the demo card, then phone backups and folders. */
export function SourcePicker(props: Props) {
  const { sources, devices, selected } = props;
  const devicePaths = devices.status === 'ready' ? allPaths(devices.devices) : new Set<string>();
  // Devices present now are shown as devices; a device source whose disk is gone stays in the list below.
  const known = sources.status === 'ready' ? sources.sources.filter((s) => !(s.kind === 'device' && devicePaths.has(s.path))) : [];
  const others = known.filter((s) => s.kind !== 'folder');
  const folders = known.filter((s) => s.kind === 'folder');
  const card = (s: Source) => <SourceCard key={s.id} source={s} selected={s.id === selected?.id} disabled={false} onSelect={() => props.onSelect(s.id)} />;
  return (
    <div className="picker" role="radiogroup" aria-label="Where to look">
      <section className="picker-group" aria-labelledby="devices-title">
        <div className="group-head">
          <h3 id="devices-title">Cards and drives</h3>
          <button type="button" className="btn btn-quiet" onClick={props.onRefreshDevices} data-testid="refresh-devices">
            Refresh
          </button>
        </div>
        {devices.status === 'loading' && <div className="source-card skeleton" aria-busy />}
        {devices.status === 'error' && (
          <Notice tone="error" title="The disks of this computer could not be listed." testId="devices-error">
            <p>{devices.message}</p>
          </Notice>
        )}
        {devices.status === 'ready' && devices.devices.length === 0 && (
          <Notice tone="empty" testId="devices-empty">
            <p>No cards or drives found. Put the card in a reader (or plug in the drive) and press Refresh.</p>
          </Notice>
        )}
        {devices.status === 'ready' && devices.devices.length > 0 && (
          <div className="device-list" data-testid="device-list">
            {devices.devices.map((d) => (
              <DeviceCard key={d.id} device={d} selectedPath={selected?.path} busyId={props.busyDeviceId} disabled={props.busyDeviceId !== undefined} onPick={props.onPickDevice} />
            ))}
          </div>
        )}
        {props.deviceError && (
          <p className="field-error" role="alert" data-testid="device-error">
            {props.deviceError}
          </p>
        )}
      </section>

      <section className="picker-group" aria-labelledby="images-title">
        <div className="group-head">
          <h3 id="images-title">Disk images and the demo card</h3>
        </div>
        {sources.status === 'loading' && <div className="source-card skeleton" aria-busy />}
        {sources.status === 'error' && (
          <Notice tone="error" title="The sources could not be listed." testId="sources-error">
            <p>{sources.message}</p>
            <button type="button" className="btn btn-quiet" onClick={props.onRetrySources}>
              Try again
            </button>
          </Notice>
        )}
        {sources.status === 'ready' && others.length === 0 && (
          <Notice tone="empty" testId="sources-empty">
            <p>No disk images yet. Add one by its path below.</p>
          </Notice>
        )}
        {others.length > 0 && (
          <div className="source-grid" data-testid="source-list">
            {others.map(card)}
          </div>
        )}
        {sources.status === 'ready' && <AddImageForm onAdd={props.onAddImage} />}
      </section>

      {sources.status === 'ready' && (
        <section className="picker-group" aria-labelledby="folders-title">
          <div className="group-head">
            <h3 id="folders-title">Phone backups and folders</h3>
          </div>
          {folders.length > 0 ? (
            <div className="source-grid" data-testid="folder-list">
              {folders.map(card)}
            </div>
          ) : (
            <p className="field-help">An iPhone’s Recently Deleted photos are in its Finder or iTunes backup; Android’s trash and the Windows Recycle Bin in the folders they were copied to.</p>
          )}
          <AddFolderForm onAdd={props.onAddFolder} />
        </section>
      )}
    </div>
  );
}
