'use client';
import type { Device, Source } from '@afterimage/contracts';
import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';
import { plainError } from '../lib/agent-client';
import { useAgent } from '../lib/agent-context';
import { serviceCode, withPassword } from '../lib/service-code';
import { useDevices } from '../lib/use-devices';
import { usePasswordPrompt } from '../lib/use-password-prompt';
import { useScanList } from '../lib/use-scan-list';
import { useSources } from '../lib/use-sources';
import { EarlierScans } from './earlier-scans';
import { PasswordDialog } from './password-dialog';
import { ScanStart, type ScanOptions } from './scan-start';
import { SourcePicker } from './source-picker';
import { Step } from './step';
import { WorkInProgress } from './work-in-progress';

/** /: what is running, where to look, the scan button, and the scans kept from before. */
export function HomeScreen() {
  const { client, agentUrl, health } = useAgent();
  const router = useRouter();
  const sources = useSources(client, agentUrl);
  const devices = useDevices(client, agentUrl);
  const scans = useScanList(client, agentUrl);
  const [sourceId, setSourceId] = useState<string>();
  const [busyDevice, setBusyDevice] = useState<string>();
  const [deviceError, setDeviceError] = useState<string>();
  const [options, setOptions] = useState<ScanOptions>({ includeLive: false, keepCorrupt: false });
  const [starting, setStarting] = useState(false);
  const [startError, setStartError] = useState<string>();
  const password = usePasswordPrompt();

  // The agent came back after being away: ask everything again.
  const wasDown = useRef(false);
  const { reload: reloadSources } = sources;
  const { reload: reloadDevices } = devices;
  const { reload: reloadScans } = scans;
  useEffect(() => {
    if (health.status === 'down') wasDown.current = true;
    else if (health.status === 'ok' && wasDown.current) {
      wasDown.current = false;
      reloadSources();
      reloadDevices();
      void reloadScans();
    }
  }, [health.status, reloadSources, reloadDevices, reloadScans]);

  const known = sources.state.status === 'ready' ? sources.state.sources : [];
  const selected = known.find((s) => s.id === sourceId);

  const pickDevice = async (device: Device) => {
    setBusyDevice(device.id);
    setDeviceError(undefined);
    try {
      const source = await client.sources.addDevice.mutate({ deviceId: device.id });
      reloadSources();
      setSourceId(source.id);
    } catch (error) {
      setDeviceError(plainError(error, agentUrl));
    } finally {
      setBusyDevice(undefined);
    }
  };

  const addImage = async (path: string) => {
    try {
      const added = await client.sources.addImage.mutate({ path });
      reloadSources();
      setSourceId(added.id);
      return undefined;
    } catch (error) {
      return plainError(error, agentUrl);
    }
  };

  /** A folder (an iPhone backup asks for its password when it is encrypted; it is only then added). */
  const addFolder = async (path: string) => {
    let added: Source | undefined;
    try {
      added = await client.sources.addFolder.mutate({ path });
    } catch (error) {
      if (serviceCode(error) !== 'NEEDS_PASSWORD') return plainError(error, agentUrl);
      const unlocked = await password.ask({
        label: path,
        unlock: async (given) => {
          added = await client.sources.addFolder.mutate({ path, password: given });
        },
      });
      if (!unlocked || !added) return 'Not added: this backup is encrypted, and it can only be read with its password.';
    }
    reloadSources();
    setSourceId(added.id);
    return undefined;
  };

  /** The agent forgot an encrypted backup's password (it restarted): ask for it, then go on. */
  const unlock = (id: string) => () =>
    password.ask({
      label: known.find((s) => s.id === id)?.label ?? id,
      unlock: async (given) => {
        await client.sources.unlock.mutate({ sourceId: id, password: given });
        reloadSources();
      },
    });

  const startScan = async (id: string | undefined = sourceId) => {
    if (!id) return;
    setStarting(true);
    setStartError(undefined);
    try {
      const scan = await withPassword(() => client.scans.start.mutate({ sourceId: id, ...options }), unlock(id));
      router.push(`/scans/${scan.id}`);
    } catch (error) {
      setStartError(plainError(error, agentUrl));
      setStarting(false);
    }
  };

  return (
    <>
      <div className="page-intro">
        <h1 className="page-title">Recover deleted photos</h1>
        <p className="page-lead">Pick where the photos were, scan it, choose what to bring back. The card or drive is only ever read.</p>
      </div>
      {scans.state.scans && <WorkInProgress scans={scans.state.scans} imaging={scans.state.imaging} sources={known} onScanImage={(id) => void startScan(id)} />}
      <Step n={1} title="Choose where to look" hint="A camera card, a USB stick, a drive, a disk image of one, or a phone backup." testId="step-sources">
        <SourcePicker
          sources={sources.state}
          devices={devices.state}
          selected={selected}
          busyDeviceId={busyDevice}
          deviceError={deviceError}
          onSelect={setSourceId}
          onPickDevice={(d) => void pickDevice(d)}
          onAddImage={addImage}
          onAddFolder={addFolder}
          onRefreshDevices={reloadDevices}
          onRetrySources={reloadSources}
        />
      </Step>
      <Step n={2} title="Scan" hint="Photos appear as they are found; you can leave this page and come back." testId="step-scan">
        <ScanStart source={selected} options={options} onOptions={setOptions} starting={starting} error={startError} onStart={() => void startScan()} />
      </Step>
      {scans.state.scans && <EarlierScans scans={scans.state.scans} sources={known} />}
      {password.pending && <PasswordDialog key={password.pending.id} request={password.pending} agentUrl={agentUrl} onDone={password.finish} />}
    </>
  );
}
