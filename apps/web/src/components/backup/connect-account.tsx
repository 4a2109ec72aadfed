import type { SignInFlow } from '../../lib/use-accounts-sign-in';
import type { ProviderInfo } from '../../lib/use-accounts';
import { Notice } from '../notice';

/** "Connect Dropbox": the provider's sign-in in a new tab, and how it is going. */
export function ConnectAccount({ provider, flow, again, onConnect, onCancel }: { provider: ProviderInfo; flow: SignInFlow; again: boolean; onConnect: () => void; onCancel: () => void }) {
  const mine = flow.status !== 'idle' && flow.provider === provider.provider;
  if (!provider.configured) {
    return (
      <Notice tone="info" title={`Signing in to ${provider.title} is not set up on this agent.`} testId="provider-missing">
        <p>{provider.missing ?? `Give the agent an OAuth client id for ${provider.title}.`}</p>
        <p>The README’s “Cloud accounts (sign-in)” section says how to register the app and where the id goes; then restart the agent.</p>
      </Notice>
    );
  }
  if (mine && flow.status === 'waiting') {
    return (
      <div className="sign-in-wait" role="status" data-testid="sign-in-waiting">
        <span className="thumb-loading" aria-hidden />
        <p>
          {flow.tabOpened ? `Finish signing in to ${provider.title} in the new tab.` : `Your browser blocked the new tab: open ${provider.title}’s sign-in page with the link.`}{' '}
          <a href={flow.url} target="_blank" rel="noopener noreferrer">
            Open the sign-in page
          </a>
        </p>
        <button type="button" className="btn btn-quiet" onClick={onCancel}>
          Cancel
        </button>
      </div>
    );
  }
  return (
    <div className="connect-row">
      <button type="button" className="btn btn-secondary" onClick={onConnect} disabled={mine && flow.status === 'starting'} data-testid={`connect-${provider.provider}`}>
        {mine && flow.status === 'starting' ? 'Opening…' : again ? `Connect another ${provider.title} account` : `Connect ${provider.title}`}
      </button>
      {mine && flow.status === 'failed' && (
        <p className="field-error" role="alert" data-testid="sign-in-error">
          {flow.message}
        </p>
      )}
      {mine && flow.status === 'done' && (
        <p className="field-help" role="status">
          Signed in.
        </p>
      )}
    </div>
  );
}
