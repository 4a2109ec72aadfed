import { Notice } from '../src/components/notice';
import { Dashboard } from '../src/components/dashboard';
import { readAgentConfig } from '../src/server/agent-config';

// The agent's address and token are read on every request, never baked in at build time.
export const dynamic = 'force-dynamic';

export default async function Home() {
  const config = await readAgentConfig();
  if (!config.ok) {
    return (
      <main className="container container-narrow">
        <h1 className="page-title">Afterimage</h1>
        <Notice tone="error" title="The dashboard cannot talk to the agent yet." testId="config-error">
          <p>{config.problem}</p>
        </Notice>
      </main>
    );
  }
  return <Dashboard agentUrl={config.agentUrl} token={config.token} defaultDestination={config.defaultDestination} />;
}
