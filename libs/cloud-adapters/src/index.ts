export type {
  BackupTarget,
  ExpectedContent,
  HashKind,
  PutOptions,
  PutProgress,
  RemoveAbility,
  StoredObject,
  TrashAbility,
  TrashedItem,
  TrashPreview,
  TrashPreviewAbility,
  TrashPreviewOptions,
  UploadSessionStore,
} from './lib/backup-target.js';
export { canPreviewTrash, canRemove, canTrash } from './lib/backup-target.js';
export type { ContentSource } from './lib/content.js';
export { bufferContent, fileContent, readRange } from './lib/content.js';
export { AuthError, BackupError, IntegrityError, InvalidPathError, NoSpaceError, NotFoundError, TooLargeError, TransientError, UnsupportedError } from './lib/errors.js';
export { readBounded } from './lib/bounded-read.js';
export { mimeTypeFor } from './lib/media-types.js';
export type { RetryOptions } from './lib/retry.js';
export { abortableSleep, retryAfterMs, withRetry } from './lib/retry.js';
export { LocalFolderTarget } from './lib/local-folder/local-folder-target.js';
export type { AccessTokenSource } from './lib/auth/access-token.js';
export { staticToken } from './lib/auth/access-token.js';
export type { AccountProvider, AdapterDescriptor, RootDescription, TargetConfig, TargetDeps } from './lib/registry.js';
export { adapterFor, adapters } from './lib/registry.js';
export type { Hasher } from './lib/hashes/index.js';
export { createHasher, DROPBOX_BLOCK_SIZE, DropboxContentHasher, isLocationNeutral, LocationNeutralHasher, MultiHasher, QuickXorHasher } from './lib/hashes/index.js';
export type { ClientCredentials } from './lib/auth/client-config.js';
export { ClientConfigError, clientConfig, clientEnvNames } from './lib/auth/client-config.js';
export type { OAuthTokens } from './lib/auth/oauth-tokens.js';
export type { Pkce } from './lib/auth/pkce.js';
export { createPkce, isCodeVerifier, s256Challenge } from './lib/auth/pkce.js';
export type { EndpointOverride, ProviderAuth } from './lib/auth/providers.js';
export { endpointsFor, providerAuth } from './lib/auth/providers.js';
export type { RefreshingTokenOptions } from './lib/auth/refreshing-token.js';
export { RefreshingTokenSource } from './lib/auth/refreshing-token.js';
export type { SignInOptions } from './lib/auth/sign-in.js';
export type { AccountProfile, AccountProfileOptions } from './lib/auth/account-profile.js';
export { fetchAccountProfile } from './lib/auth/account-profile.js';
export { signIn } from './lib/auth/sign-in.js';
export type { GooglePhotosOptions } from './lib/google-photos/google-photos-target.js';
export { GooglePhotosTarget } from './lib/google-photos/google-photos-target.js';
export { GOOGLE_PHOTOS_LIMITS } from './lib/google-photos/photos-limits.js';
export type { DropboxTargetOptions } from './lib/dropbox/dropbox-target.js';
export { DropboxTarget } from './lib/dropbox/dropbox-target.js';
export type { GoogleDriveOptions } from './lib/google-drive/google-drive-options.js';
export { GoogleDriveTarget } from './lib/google-drive/google-drive-target.js';
export type { OneDriveTargetOptions } from './lib/onedrive/onedrive-target.js';
export { BUSINESS_TRASH, FRAGMENT_UNIT, OneDriveTarget, SIMPLE_UPLOAD_LIMIT } from './lib/onedrive/onedrive-target.js';
export { connectOneDrive, OneDrivePersonalTarget } from './lib/onedrive/onedrive-personal-target.js';
export { MapSessionStore } from './lib/map-session-store.js';
