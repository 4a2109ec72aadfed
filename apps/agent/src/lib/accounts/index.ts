export type { AccountSummary, StoredAccount } from './account-store.js';
export { AccountStore } from './account-store.js';
export type { AccountsOptions, SignInRequest } from './accounts.js';
export { Accounts } from './accounts.js';
export { configuredClients } from './client-settings.js';
