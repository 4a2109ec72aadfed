/** The top bar: the product, and which agent this page talks to. */
export function AppHeader({ agentUrl, connected }: { agentUrl: string; connected: boolean | undefined }) {
  const host = agentUrl.replace(/^https?:\/\//, '');
  const label = connected === undefined ? 'Connecting to agent…' : connected ? `Agent ${host}` : `Agent ${host} unreachable`;
  const tone = connected === undefined ? 'pending' : connected ? 'ok' : 'down';
  return (
    <header className="app-header">
      <div className="brand">
        <span className="logo" aria-hidden />
        <div>
          <p className="brand-name">Afterimage</p>
          <p className="brand-tag">Get deleted photos back, then keep them safe.</p>
        </div>
      </div>
      <p className={`agent-pill agent-${tone}`} data-testid="agent-status">
        <span className="dot" aria-hidden />
        {label}
      </p>
    </header>
  );
}
