export { SourceKindSchema, SourceSchema, AddImageSourceSchema, FolderKindSchema, AddFolderSourceSchema, UnlockSourceSchema } from './lib/source.js';
export type { SourceKind, Source, AddImageSource, FolderKind, AddFolderSource, UnlockSource } from './lib/source.js';
export {
  ByteRunSchema,
  ValidationStateSchema,
  ValidationSchema,
  FoundBySchema,
  OriginSchema,
  MediaMetadataSchema,
  FindingSchema,
  FileTimesSchema,
  ConfidenceSchema,
  FindingFileSchema,
  TrashKeeperSchema,
  FindingTrashSchema,
} from './lib/finding.js';
export type { ByteRun, ValidationState, Validation, FoundBy, Origin, MediaMetadata, Finding, FileTimes, Confidence, FindingFile, TrashKeeper, FindingTrash } from './lib/finding.js';
export {
  ScanRequestSchema,
  ScanProgressSchema,
  ScanStatusSchema,
  ScanStateSchema,
  ScanEventSchema,
  ScanBatchEventSchema,
  MAX_FINDINGS_PER_EVENT,
  ScanRefSchema,
  ScanEventsInputSchema,
  FindingRefSchema,
  ThumbnailSchema,
} from './lib/scan.js';
export type {
  ScanRequest,
  ScanProgress,
  ScanStatus,
  ScanState,
  ScanEvent,
  ScanBatchEvent,
  ScanRef,
  ScanEventsInput,
  FindingRef,
  Thumbnail,
} from './lib/scan.js';
export { RecoveryRequestSchema, ReportEntrySchema, RecoveryFailureSchema, RecoveryReportSchema, RecoveryJobSchema } from './lib/recovery.js';
export type { RecoveryRequest, ReportEntry, RecoveryFailure, RecoveryReport, RecoveryJob } from './lib/recovery.js';
export { RecoveryProgressSchema } from './lib/recovery.js';
export type { RecoveryProgress } from './lib/recovery.js';
export { RecoveryFileEventSchema, RecoveryEventSchema, RecoveryJobRefSchema, RecoveryEventsInputSchema } from './lib/recovery-events.js';
export type { RecoveryFileEvent, RecoveryEvent, RecoveryJobRef, RecoveryEventsInput } from './lib/recovery-events.js';
export {
  FindingIdsRequestSchema,
  FindingIdsSchema,
  FindingFacetsRequestSchema,
  FacetCountSchema,
  FindingFacetsSchema,
  MAX_FACET_CAMERAS,
} from './lib/findings-facets.js';
export type { FindingIdsRequest, FindingIds, FindingFacetsRequest, FacetCount, FindingFacets } from './lib/findings-facets.js';
export { SERVICE_ERROR_CODES, ServiceError, errorMessage, isServiceErrorCode } from './lib/errors.js';
export type { ServiceErrorCode } from './lib/errors.js';
export type { AgentServices, AgentContext, Numbered, NumberedScanEvent, NumberedScanBatchEvent } from './lib/services.js';
export { createAppRouter } from './lib/router.js';
export type { AppRouter } from './lib/router.js';
export { FindingFilterSchema, FindingSortSchema, FindingsPageRequestSchema, FindingsPageSchema, TrashChoiceSchema } from './lib/findings-page.js';
export type { FindingFilter, FindingSort, FindingsPageRequest, FindingsPage, TrashChoice } from './lib/findings-page.js';
export { TransportSchema, DeviceSchema, AddDeviceSourceSchema } from './lib/device.js';
export type { Transport, Device, AddDeviceSource } from './lib/device.js';
export { ImagingRequestSchema, ImagingPhaseSchema, ImagingProgressSchema, ImagingStateSchema, ImagingRefSchema, ImagingEventSchema, ImagingEventsInputSchema } from './lib/imaging.js';
export type { ImagingRequest, ImagingProgress, ImagingState, ImagingEvent, ImagingEventsInput } from './lib/imaging.js';
export {
  MediumSchema,
  HashKindSchema,
  BackupTargetConfigSchema,
  AddBackupTargetSchema,
  TargetRefSchema,
  CopyRecordSchema,
  LackingSchema,
  PhotoBackupStatusSchema,
  BackupStatusSchema,
} from './lib/backup.js';
export type { Medium, HashKind, BackupTargetConfig, AddBackupTarget, TargetRef, CopyRecord, Lacking, PhotoBackupStatus, BackupStatus } from './lib/backup.js';
export { BackupStatusShowSchema, BackupStatusRequestSchema, BACKUP_STATUS_PAGE, MAX_BACKUP_STATUS_PAGE } from './lib/backup.js';
export type { BackupStatusShow, BackupStatusRequest } from './lib/backup.js';
export { BackupAdapterSchema } from './lib/backup-adapters.js';
export type { BackupAdapter } from './lib/backup-adapters.js';
export {
  BackupRunRequestSchema,
  BackupFileOutcomeSchema,
  BackupFileSchema,
  BackupProgressSchema,
  BackupFailureSchema,
  BackupJobStateSchema,
  BackupEventSchema,
  BackupJobRefSchema,
  BackupEventsInputSchema,
} from './lib/backup-job.js';
export type { BackupRunRequest, BackupFile, BackupProgress, BackupJobState, BackupEvent, BackupEventsInput } from './lib/backup-job.js';
export { BackupJobsRequestSchema } from './lib/backup-job.js';
export type { BackupJobsRequest } from './lib/backup-job.js';
export { TrashItemSchema, TrashListRequestSchema, TrashListSchema, TrashPreviewRequestSchema, TrashPreviewSchema, TrashRestoreRequestSchema, TrashRestoreResultSchema } from './lib/trash.js';
export type { TrashItem, TrashListRequest, TrashList, TrashPreview, TrashPreviewRequest, TrashRestoreRequest, TrashRestoreResult } from './lib/trash.js';
export {
  AccountProviderSchema,
  AccountProviderInfoSchema,
  AccountSchema,
  StartSignInSchema,
  SignInStartedSchema,
  SignInRefSchema,
  SignInStateSchema,
  SignInStatusSchema,
  AccountRefSchema,
} from './lib/accounts.js';
export type { AccountProvider, AccountProviderInfo, Account, StartSignIn, SignInStarted, SignInRef, SignInState, SignInStatus, AccountRef } from './lib/accounts.js';
export { SetAccountLabelSchema } from './lib/accounts.js';
export type { SetAccountLabel } from './lib/accounts.js';
export { AGENT_LOCK_FILE, MAX_AGENT_LOCK_BYTES, AgentLockSchema, parseAgentLock } from './lib/agent-lock.js';
export type { AgentLock } from './lib/agent-lock.js';
