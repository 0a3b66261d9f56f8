// P4Info emitter: ids compatible with p4c, and the P4Info object and files.

export { emitP4Info, DEFAULT_TABLE_SIZE, type EmitOptions } from './emit.js';
export { formatP4Info, formatForFile, p4infoFileContents, parseP4Info, TEXT_FILE_HEADER, type P4InfoFormat } from './format.js';
export { SymbolTable, P4IdPrefix, hashedId, jenkinsOneAtATime, explicitId, type ResourceType } from './ids.js';
export type * from './types.js';
export { emitStaticEntries, type StaticEntriesRequest, type StaticTableEntry, type FieldMatchObject } from './entries.js';
