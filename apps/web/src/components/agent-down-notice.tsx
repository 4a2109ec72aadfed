import { Notice } from './notice';

/** Shown while the agent does not answer: what happened, what is safe, what to do. */
export function AgentDownNotice({ agentUrl }: { agentUrl: string }) {
  const host = agentUrl.replace(/^https?:\/\//, '');
  return (
    <Notice tone="error" title="The Afterimage agent stopped answering." testId="agent-down">
      <p>
        This page talks to the agent at {host}, and it does not answer. Start it again with <code>npm start</code> (or <code>afterimage agent</code>). Scans and what they found are
        kept by the agent: a scan that was running goes on from its last checkpoint, and this page picks up by itself.
      </p>
    </Notice>
  );
}
