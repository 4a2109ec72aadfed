import type { Metadata } from 'next';
import { ConfigProblem } from '../../src/components/config-problem';
import { RecoverFrame } from '../../src/components/recover-frame';
import { TrashView } from '../../src/components/trash/trash-view';
import { readAgentConfig } from '../../src/server/agent-config';
import '../../src/components/backup/keep.css';
import '../../src/components/trash/trash-preview.css';

// The agent's address and token are read on every request, never baked in at build time.
export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Cloud trash · Afterimage' };

export default async function TrashPage() {
  const config = await readAgentConfig();
  if (!config.ok) return <ConfigProblem problem={config.problem} />;
  return (
    <RecoverFrame settings={config}>
      <TrashView />
    </RecoverFrame>
  );
}
