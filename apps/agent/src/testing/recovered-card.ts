import { copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BackupEvent, BackupJobState, RecoveryReport } from '@afterimage/contracts';
import { LocalAgentServices, type AgentServicesOptions } from '../lib/agent-services.js';
import { scanMedia, thumbnailForFinding } from '../lib/scan-pipeline.js';
import { prepareDemoCard } from '../lib/sources.js';
import { openStore, type Db } from '../lib/store/open-store.js';

export interface RecoveredCard {
  /** A closed database holding the scan and the recovery; copy it for each agent. */
  db: string;
  destination: string;
  report: RecoveryReport;
}

/** Scans the demo card (live photos too) and recovers all 7 photos into HOME/Recovered, once per test file. */
export async function recoverDemoCard(home: string): Promise<RecoveredCard> {
  const demoCard = await prepareDemoCard(home);
  const db = join(home, 'recovered.db');
  const store = openStore(db);
  try {
    const agent = new LocalAgentServices({ version: 'test', demoCard, pipeline: scanMedia, thumbnail: thumbnailForFinding, store });
    const scan = await agent.startScan({ sourceId: 'demo-card', includeLive: true });
    for await (const { event } of agent.scanEvents({ scanId: scan.id }, undefined)) if (event.type === 'done') break;
    const destination = join(home, 'Recovered');
    const report = await agent.recover({ scanId: scan.id, destination });
    return { db, destination, report };
  } finally {
    store.close();
  }
}

/** An agent on its own copy of the recovered card's database (or on `db` itself, to restart on it). */
export async function agentOn(card: RecoveredCard, db: string, backup?: AgentServicesOptions['backup'], fresh = true): Promise<{ agent: LocalAgentServices; store: Db }> {
  if (fresh) await copyFile(card.db, db);
  const store = openStore(db);
  const agent = new LocalAgentServices({ version: 'test', pipeline: scanMedia, thumbnail: thumbnailForFinding, store, ...(backup ? { backup } : {}) });
  return { agent, store };
}

/** Every event of a backup job until it is done, and its final state. */
export async function followBackup(agent: LocalAgentServices, jobId: string): Promise<{ events: BackupEvent[]; state: BackupJobState }> {
  const events: BackupEvent[] = [];
  for await (const { event } of agent.backupEvents({ jobId }, undefined)) {
    events.push(event);
    if (event.type === 'done') return { events, state: event.state };
  }
  throw new Error(`backup job ${jobId} ended without a done event`);
}
