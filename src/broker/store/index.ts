// The broker's storage: everything outside src/broker/store goes through these exports and never touches files.
export { CorruptRecordError } from "./store-context.js";
export { type DiskSpace, diskSpace } from "./disk-space.js";
export { type FileMetadataStoreOptions, openFileMetadataStore } from "./file-metadata-store.js";
export type { MessageRecord } from "./message-record.js";
export { MessageStore, type MessageStoreOptions, type MessageStoreStats, openMessageStore } from "./message-store.js";
export {
  compositeKey,
  isMetadataKind,
  type JsonValue,
  METADATA_KINDS,
  type MetadataChange,
  type MetadataKind,
  type MetadataSnapshot,
  type MetadataStore,
} from "./metadata-store.js";
export type { QueueLog } from "./queue-log.js";
export type { RecordRef } from "./record-ref.js";
export type { RecoveredRecord } from "./segment-recovery.js";
