import { AppHeader } from './app-header';
import { Notice } from './notice';

/** The Recover pages when the dashboard does not know where the agent is or its token. */
export function ConfigProblem({ problem }: { problem: string }) {
  return (
    <>
      <AppHeader agentUrl="" connected={false} />
      <main id="main" className="container container-narrow">
        <Notice tone="error" title="The dashboard cannot talk to the agent yet." testId="config-error">
          <p>{problem}</p>
        </Notice>
      </main>
    </>
  );
}
