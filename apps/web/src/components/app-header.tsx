import { AppNav } from './app-nav';

/**
 * The top bar every page shares: the product, the navigation, and which agent this page talks to
 * (connected undefined while the first answer is awaited; an empty agentUrl when none is configured).
 */
export function AppHeader({ agentUrl, connected }: { agentUrl: string; connected: boolean | undefined }) {
  const host = agentUrl.replace(/^https?:\/\//, '');
  const label = !agentUrl ? 'Agent not configured' : connected === undefined ? 'Connecting to agent…' : connected ? `Agent ${host}` : `Agent ${host} unreachable`;
  const tone = connected === undefined && agentUrl ? 'pending' : connected ? 'ok' : 'down';
  return (
    <header className="app-header">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <div className="brand">
        <span className="logo" aria-hidden />
        <div>
          <p className="brand-name">Afterimage</p>
          <p className="brand-tag">Get deleted photos back, then keep them safe.</p>
        </div>
      </div>
      <AppNav />
      <p className={`agent-pill agent-${tone}`} data-testid="agent-status" data-state={tone} role="status" title={label}>
        <span className="dot" aria-hidden />
        <span className="agent-pill-text">{label}</span>
      </p>
    </header>
  );
}
