import type { AccountProvider } from '../registry.js';

/** What a sign-in leaves behind for one account; the agent keeps it (mode 0600) and refreshes it. */
export interface OAuthTokens {
  provider: AccountProvider;
  accessToken: string;
  refreshToken: string;
  /** When the access token stops working, in ms since the epoch (from `expires_in`). */
  expiresAt: number;
  /** The scopes granted (space-separated in the token response), which may be fewer than asked. */
  scope: string[];
  /** The provider's account id when the token response names one (Dropbox's `account_id`). */
  account?: string;
}
