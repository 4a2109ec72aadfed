import { ConfigProblem } from '../src/components/config-problem';
import { HomeScreen } from '../src/components/home-screen';
import { RecoverFrame } from '../src/components/recover-frame';
import { readAgentConfig } from '../src/server/agent-config';
import '../src/styles/recover.css';

// The agent's address and token are read on every request, never baked in at build time.
export const dynamic = 'force-dynamic';

export default async function RecoverPage() {
  const config = await readAgentConfig();
  if (!config.ok) return <ConfigProblem problem={config.problem} />;
  return (
    <RecoverFrame settings={config}>
      <HomeScreen />
    </RecoverFrame>
  );
}
