// The carve engine reads through the same ByteSource as every parser (DESIGN.md: layers read only
// through the one below); the alias keeps the engine's own vocabulary.
export type { ByteSource as CarveSource } from '@afterimage/fs-parsers';
