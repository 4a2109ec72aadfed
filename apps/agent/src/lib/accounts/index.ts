export type { AccountSummary, StoredAccount } from './account-store.js';
export { AccountStore } from './account-store.js';
export type { AccountsOptions, SignInRequest } from './accounts.js';
export { Accounts } from './accounts.js';
export { configuredClients } from './client-settings.js';
export { AccountService, accountTitle, type AccountServiceOptions } from './account-service.js';
export { PendingSignIns, type PendingSignInsOptions, type SignInRunner } from './pending-sign-ins.js';
export { SignInHealth } from './sign-in-health.js';
export { oauthEnvName, oauthSettings, redirectPortEnvName, type OAuthSettings } from './oauth-env.js';
