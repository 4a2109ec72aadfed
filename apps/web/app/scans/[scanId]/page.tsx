import type { Metadata } from 'next';
import { ConfigProblem } from '../../../src/components/config-problem';
import { RecoverFrame } from '../../../src/components/recover-frame';
import { ScanScreen } from '../../../src/components/scan-screen';
import { readAgentConfig } from '../../../src/server/agent-config';
import '../../../src/styles/recover.css';
import '../../../src/styles/results.css';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Scan · Afterimage' };

/** /scans/ID: one scan's progress, results and recovery; the state lives in the agent, so this link works later. */
export default async function ScanPage({ params }: { params: Promise<{ scanId: string }> }) {
  const { scanId } = await params;
  const config = await readAgentConfig();
  if (!config.ok) return <ConfigProblem problem={config.problem} />;
  return (
    <RecoverFrame settings={config}>
      <ScanScreen scanId={scanId} />
    </RecoverFrame>
  );
}
