import type { Metadata } from 'next';
import { BackupView } from '../../src/components/backup/backup-view';
import { ConfigProblem } from '../../src/components/config-problem';
import { RecoverFrame } from '../../src/components/recover-frame';
import { readAgentConfig } from '../../src/server/agent-config';
import '../../src/components/backup/keep.css';

// The agent's address and token are read on every request, never baked in at build time.
export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Backup · Afterimage' };

export default async function BackupPage() {
  const config = await readAgentConfig();
  if (!config.ok) return <ConfigProblem problem={config.problem} />;
  return (
    <RecoverFrame settings={config}>
      <BackupView />
    </RecoverFrame>
  );
}
