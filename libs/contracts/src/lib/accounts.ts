import { z } from 'zod';

/** Whose sign-in a cloud backup target uses (one Google account serves Drive and Photos). */
export const AccountProviderSchema = z.enum(['google', 'dropbox', 'microsoft']);
export type AccountProvider = z.infer<typeof AccountProviderSchema>;

/** A provider the agent can sign in to, and whether this agent has a client id for it. */
export const AccountProviderInfoSchema = z.object({
  provider: AccountProviderSchema,
  /** For people: "Google". */
  title: z.string(),
  /** A client id is configured (environment or config.json), so a sign-in can start. */
  configured: z.boolean(),
  /** When not configured: what to set, in plain words ("Set AFTERIMAGE_DROPBOX_CLIENT_ID or …"). */
  missing: z.string().optional(),
  /** The backup target kinds it serves: google → ['google-drive', 'google-photos']. */
  kinds: z.array(z.string()),
});
export type AccountProviderInfo = z.infer<typeof AccountProviderInfoSchema>;

/** A signed-in account as it may be shown (its tokens never leave the agent). */
export const AccountSchema = z.object({
  /** What `backup targets add … --account ID` takes. */
  id: z.string(),
  provider: AccountProviderSchema,
  /** The name the user gave it ("Anna's Dropbox"); older agents kept the provider's account id here. */
  label: z.string().optional(),
  /** Who it is at the provider, asked once after the sign-in: the display name… */
  name: z.string().optional(),
  /** …and the email address, when the provider gave them. */
  email: z.string().optional(),
  /** How to name it for people: the label, else the name and email, else the id. */
  title: z.string().optional(),
  addedAt: z.string(),
  /** The provider refused the account's tokens: sign in again to go on backing up to it. */
  needsSignIn: z.boolean(),
});
export type Account = z.infer<typeof AccountSchema>;

export const StartSignInSchema = z.object({ provider: AccountProviderSchema });
export type StartSignIn = z.infer<typeof StartSignInSchema>;

/** A sign-in waiting for the browser: open `authorizationUrl`, then follow `signInStatus`. */
export const SignInStartedSchema = z.object({
  signInId: z.string(),
  authorizationUrl: z.string().min(1).max(16_384),
});
export type SignInStarted = z.infer<typeof SignInStartedSchema>;

export const SignInRefSchema = z.object({ signInId: z.string().min(1).max(200) });
export type SignInRef = z.infer<typeof SignInRefSchema>;

export const SignInStateSchema = z.enum(['waiting', 'done', 'failed', 'cancelled']);
export type SignInState = z.infer<typeof SignInStateSchema>;

export const SignInStatusSchema = z.object({
  state: SignInStateSchema,
  /** When done: the account signed in (a new one, or the same provider account signed in again). */
  accountId: z.string().optional(),
  /** When failed or cancelled: why, in plain words ("You declined …"). */
  error: z.string().optional(),
});
export type SignInStatus = z.infer<typeof SignInStatusSchema>;

export const AccountRefSchema = z.object({ id: z.string().min(1).max(200) });
export type AccountRef = z.infer<typeof AccountRefSchema>;

/** Names an account as the user likes ("Anna's Dropbox"); an empty label goes back to the provider's name. */
export const SetAccountLabelSchema = z.object({ id: z.string().min(1).max(200), label: z.string().max(100) });
export type SetAccountLabel = z.infer<typeof SetAccountLabelSchema>;
