// The interface between the P4Runtime server and a forwarding target (the
// embedded switch, a test double, later a hardware driver). Modelled on
// Stratum's switch_interface.h: the server owns P4Runtime semantics
// (arbitration, validation of every field against the P4Info, canonical
// bytestrings, batch error reports, read filters, digest lists, idle-timeout
// scans); the target owns state and forwarding. Everything a target receives
// is already validated and in the form of src/sim/entries.ts, so a target
// only answers for state it alone knows: existence, capacity, references.
//
// Calls are synchronous except pipeline changes (a target may compile). The
// server never calls a target re-entrantly and serializes all calls, so a
// target needs no locking. Every method returns a value; a target throws
// only on an internal bug.

import type {
  ActionProfileGroup, ActionProfileMember, CloneSessionEntry, CounterData, FieldMatch, MeterConfig,
  MulticastGroupEntry, TableEntryState,
} from '../sim/entries.js';
import type { P4InfoIndex } from './p4info-index.js';
import type { DeviceConfig } from './server/device-config.js';
import type { P4Status } from './server/status.js';

/** A pipeline as handed to a target: the decoded P4Info, its index and the parsed device config. */
export interface PipelineConfig {
  p4info: Record<string, unknown>;
  index: P4InfoIndex;
  deviceConfig: DeviceConfig;
}

/** Digest data as the data plane produced it (P4Data restricted to what v1model emits). */
export type DigestValue = { kind: 'bitstring'; value: bigint } | { kind: 'struct'; members: DigestValue[] };

export interface DigestConfig { maxTimeoutNs: bigint; maxListSize: number; ackTimeoutNs: bigint }

/** Events a target raises towards the server (PacketIn, digests, idle timeouts). */
export interface TargetEvents {
  /** A packet punted to the controller; metadata by ControllerPacketMetadata id. */
  packetIn(payload: Uint8Array, metadata: Map<number, bigint>): void;
  /** One digest message from `Digest.pack` / v1model `digest()`; the server builds lists (§9.8). */
  digest(digestId: number, data: DigestValue): void;
  /**
   * Entries the target found idle for at least their `idleTimeoutNs` (only
   * targets with `detectsIdleTimeouts`); the target has already restarted
   * their timers (§9.1 "Idle-timeout"). The server notifies the primary.
   */
  idleTimeout(entries: TableEntryState[]): void;
}

export type Awaitable<T> = T | Promise<T>;

export interface ForwardingTarget {
  // ---- pipeline (P4Runtime §14) ----

  /** Checks that the target can realize `pipeline`; changes nothing. Non-OK → INVALID_ARGUMENT to the client. */
  verifyPipeline(pipeline: PipelineConfig): Awaitable<P4Status>;
  /**
   * Realizes `pipeline` and clears all forwarding state (tables, members,
   * groups, counters, meters, registers, PRE, value sets, digest configs),
   * then loads the program's initial entries (marked `isConst` when const).
   * On failure the previous pipeline and its state stay in place.
   */
  commitPipeline(pipeline: PipelineConfig): Awaitable<P4Status>;

  /** Target clock in nanoseconds (the clock `lastHitNs` is measured on). */
  nowNs(): bigint;
  /**
   * True when the target ages entries itself and raises `idleTimeout`;
   * otherwise the server scans `lastHitNs` of entries periodically.
   */
  readonly detectsIdleTimeouts?: boolean;
  /**
   * True when no packet is forwarded while the server applies one Write
   * batch (the target forwards on the server's thread, or not at all):
   * DATAPLANE_ATOMIC batches are then honoured (§12.2); otherwise UNIMPLEMENTED.
   */
  readonly atomicBatches?: boolean;

  // ---- match-action tables (§9.1); key = (tableId, match, priority) ----

  /** Entry with exactly this key, or undefined. `match` is in P4Info field order. */
  getTableEntry(tableId: number, match: readonly FieldMatch[], priority: number): TableEntryState | undefined;
  /** ALREADY_EXISTS if the key exists; RESOURCE_EXHAUSTED when the table is full; NOT_FOUND for a missing member/group. */
  insertTableEntry(entry: TableEntryState): P4Status;
  /** Replaces the whole state of an existing entry (NOT_FOUND if absent; NOT_FOUND for a missing member/group). */
  modifyTableEntry(entry: TableEntryState): P4Status;
  /** NOT_FOUND if absent. */
  deleteTableEntry(tableId: number, match: readonly FieldMatch[], priority: number): P4Status;
  /** All non-default entries of one table, in any order; unknown table → empty. */
  tableEntries(tableId: number): Iterable<TableEntryState>;
  /** The current default entry (`match` empty); after commit it is the program's default action. */
  getDefaultEntry(tableId: number): TableEntryState | undefined;
  /** Sets the default entry; `undefined` restores the program's initial default (§9.1.3 reset). */
  setDefaultEntry(tableId: number, entry: TableEntryState | undefined): P4Status;

  // ---- action profiles (§9.2) ----

  /** ALREADY_EXISTS, RESOURCE_EXHAUSTED (profile size) as applicable. */
  insertMember(member: ActionProfileMember): P4Status;
  /** NOT_FOUND if absent. */
  modifyMember(member: ActionProfileMember): P4Status;
  /** NOT_FOUND if absent; FAILED_PRECONDITION if a group or a table entry still refers to it. */
  deleteMember(actionProfileId: number, memberId: number): P4Status;
  /** Members of one profile (0 = all profiles). */
  members(actionProfileId: number): Iterable<ActionProfileMember>;
  /** ALREADY_EXISTS; NOT_FOUND when a listed member does not exist. */
  insertGroup(group: ActionProfileGroup): P4Status;
  /** NOT_FOUND if the group or a listed member does not exist. */
  modifyGroup(group: ActionProfileGroup): P4Status;
  /** NOT_FOUND if absent; FAILED_PRECONDITION if a table entry refers to it. */
  deleteGroup(actionProfileId: number, groupId: number): P4Status;
  /** Groups of one profile (0 = all profiles). */
  groups(actionProfileId: number): Iterable<ActionProfileGroup>;

  // ---- indexed externs (§9.3–9.8); indexes are range-checked by the server ----

  readCounter(counterId: number, index: number): CounterData;
  writeCounter(counterId: number, index: number, data: CounterData): void;
  /** undefined = default configuration (all packets GREEN). */
  readMeter(meterId: number, index: number): MeterConfig | undefined;
  writeMeter(meterId: number, index: number, config: MeterConfig | undefined): void;
  /** Register cell as an unsigned value of the register's bitwidth. */
  readRegister(registerId: number, index: number): bigint;
  writeRegister(registerId: number, index: number, value: bigint): void;

  // ---- packet replication engine (§9.5) ----

  /** ALREADY_EXISTS / RESOURCE_EXHAUSTED as applicable. */
  insertMulticastGroup(group: MulticastGroupEntry): P4Status;
  /** NOT_FOUND if absent. */
  modifyMulticastGroup(group: MulticastGroupEntry): P4Status;
  /** NOT_FOUND if absent. */
  deleteMulticastGroup(multicastGroupId: number): P4Status;
  multicastGroups(): Iterable<MulticastGroupEntry>;
  insertCloneSession(session: CloneSessionEntry): P4Status;
  modifyCloneSession(session: CloneSessionEntry): P4Status;
  deleteCloneSession(sessionId: number): P4Status;
  cloneSessions(): Iterable<CloneSessionEntry>;

  // ---- parser value sets (§9.6): members replace the whole set ----

  writeValueSet(valueSetId: number, members: FieldMatch[][]): P4Status;
  valueSetMembers(valueSetId: number): FieldMatch[][];

  // ---- digests (§9.8): whether the data plane should emit them ----

  /** undefined disables the digest. */
  setDigestConfig(digestId: number, config: DigestConfig | undefined): void;
  getDigestConfig(digestId: number): DigestConfig | undefined;

  // ---- packet I/O (§16.1) ----

  /** Injects a PacketOut; metadata values by id, already width-checked. Non-OK → StreamError. */
  transmitPacket(payload: Uint8Array, metadata: Map<number, bigint>): P4Status;

  /** Registers the server's handlers (one subscriber; a later call replaces the earlier). */
  subscribe(events: TargetEvents): void;
}
