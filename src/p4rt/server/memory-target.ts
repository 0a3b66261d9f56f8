// In-memory reference target: stores every P4Runtime entity, forwards nothing.
// It lets the server and its tests run without the engine, and it is the
// executable form of the contract in ../target.ts (existence, capacity and
// reference rules live here, everything else is validated by the server).

import type {
  ActionProfileGroup, ActionProfileMember, CloneSessionEntry, CounterData, FieldMatch, MeterConfig,
  MulticastGroupEntry, TableEntryState,
} from '../../sim/entries.js';
import type { P4InfoIndex, TableInfo } from '../p4info-index.js';
import type { DigestConfig, DigestValue, ForwardingTarget, PipelineConfig, TargetEvents } from '../target.js';
import { Code, failure, ok, type P4Status } from './status.js';

/** Largest value folded into a numeric key: value * 256 + code stays below 2^53. */
const numericKeyLimit = 2n ** 45n;
const exactCode = 129;
const optionalCode = 130;
const wildcardCode = 131;

/**
 * Key of an entry within its table: match fields then priority. The common
 * case — one exact, LPM or optional field of at most 45 bits (IPv4 routes,
 * MPLS labels, ports) and priority 0 — is a number (value * 256 + prefix
 * length or a kind code), which a Map hashes far faster than a string; every
 * other key is a string. Within one table a field always has the same match
 * kind, so the two forms never describe the same entry.
 */
export function entryKey(match: readonly FieldMatch[], priority: number): string | number {
  if (match.length === 1 && priority === 0) {
    const field = match[0];
    switch (field.kind) {
      case 'exact': if (field.value < numericKeyLimit) return Number(field.value) * 256 + exactCode; break;
      case 'optional': if (field.value < numericKeyLimit) return Number(field.value) * 256 + optionalCode; break;
      case 'lpm': if (field.value < numericKeyLimit) return Number(field.value) * 256 + field.prefixLen; break;
      case 'wildcard': return wildcardCode;
    }
  }
  let key = '';
  for (const field of match) {
    switch (field.kind) {
      case 'exact': case 'optional': key += `${field.kind[0]}${field.value.toString(16)}|`; break;
      case 'lpm': key += `l${field.value.toString(16)}/${field.prefixLen}|`; break;
      case 'ternary': key += `t${field.value.toString(16)}&${field.mask.toString(16)}|`; break;
      case 'range': key += `r${field.low.toString(16)}-${field.high.toString(16)}|`; break;
      case 'wildcard': key += '*|'; break;
    }
  }
  return `${key}#${priority}`;
}

export interface MemoryTargetOptions {
  /** Entries the "program" declares (const entries / entries), loaded at each commit. */
  initialEntries?: (index: P4InfoIndex) => TableEntryState[];
  /** Clock for lastHitNs and idle timeouts; defaults to process.hrtime. */
  nowNs?: () => bigint;
}

export class MemoryTarget implements ForwardingTarget {
  /** Nothing is forwarded, so every batch is trivially data-plane atomic. */
  readonly atomicBatches: boolean = true;
  index: P4InfoIndex | undefined;
  readonly transmitted: { payload: Uint8Array; metadata: Map<number, bigint> }[] = [];
  private events: TargetEvents | undefined;
  private tables = new Map<number, Map<string | number, TableEntryState>>();
  private defaults = new Map<number, TableEntryState>();
  private initialDefaults = new Map<number, TableEntryState>();
  private memberStore = new Map<string, ActionProfileMember>();
  private groupStore = new Map<string, ActionProfileGroup>();
  /** Groups and table entries referring to a member / group: key "profile:id". */
  private memberReferences = new Map<string, number>();
  private groupReferences = new Map<string, number>();
  private counters = new Map<string, CounterData>();
  private meters = new Map<string, MeterConfig>();
  private registers = new Map<string, bigint>();
  private multicast = new Map<number, MulticastGroupEntry>();
  private clones = new Map<number, CloneSessionEntry>();
  private valueSets = new Map<number, FieldMatch[][]>();
  private digestConfigs = new Map<number, DigestConfig>();

  constructor(private readonly options: MemoryTargetOptions = {}) {}

  verifyPipeline(pipeline: PipelineConfig): P4Status {
    if (pipeline.deviceConfig.main !== '' && !(pipeline.deviceConfig.main in pipeline.deviceConfig.files)) {
      return failure(Code.INVALID_ARGUMENT, 'device config main file missing');
    }
    return ok;
  }

  commitPipeline(pipeline: PipelineConfig): P4Status {
    this.index = pipeline.index;
    for (const store of [this.tables, this.defaults, this.initialDefaults, this.memberStore, this.groupStore,
      this.memberReferences, this.groupReferences, this.counters, this.meters, this.registers, this.multicast,
      this.clones, this.valueSets, this.digestConfigs]) store.clear();
    for (const table of pipeline.index.tables.values()) {
      this.tables.set(table.id, new Map());
      const initial = initialDefaultEntry(table, pipeline.p4info);
      this.initialDefaults.set(table.id, initial);
      this.defaults.set(table.id, initial);
    }
    for (const entry of this.options.initialEntries?.(pipeline.index) ?? []) {
      this.tables.get(entry.tableId)?.set(entryKey(entry.match, entry.priority), entry);
    }
    return ok;
  }

  nowNs(): bigint {
    return this.options.nowNs ? this.options.nowNs() : process.hrtime.bigint();
  }

  getTableEntry(tableId: number, match: readonly FieldMatch[], priority: number): TableEntryState | undefined {
    return this.tables.get(tableId)?.get(entryKey(match, priority));
  }

  insertTableEntry(entry: TableEntryState): P4Status {
    const table = this.tables.get(entry.tableId);
    if (!table) return failure(Code.NOT_FOUND, `table ${entry.tableId} not in pipeline`);
    const key = entryKey(entry.match, entry.priority);
    if (table.has(key)) return failure(Code.ALREADY_EXISTS, 'table entry already exists');
    const size = this.index?.tables.get(entry.tableId)?.size ?? 0;
    if (size > 0 && table.size >= size) return failure(Code.RESOURCE_EXHAUSTED, `table full (${size} entries)`);
    const reference = this.checkReference(entry);
    if (reference.code !== Code.OK) return reference;
    this.countReference(entry, 1);
    table.set(key, entry);
    return ok;
  }

  modifyTableEntry(entry: TableEntryState): P4Status {
    const table = this.tables.get(entry.tableId);
    const key = entryKey(entry.match, entry.priority);
    const previous = table?.get(key);
    if (!table || !previous) return failure(Code.NOT_FOUND, 'table entry not found');
    const reference = this.checkReference(entry);
    if (reference.code !== Code.OK) return reference;
    this.countReference(previous, -1);
    this.countReference(entry, 1);
    table.set(key, entry);
    return ok;
  }

  deleteTableEntry(tableId: number, match: readonly FieldMatch[], priority: number): P4Status {
    const table = this.tables.get(tableId);
    const key = entryKey(match, priority);
    const previous = table?.get(key);
    if (!table || !previous) return failure(Code.NOT_FOUND, 'table entry not found');
    this.countReference(previous, -1);
    table.delete(key);
    return ok;
  }

  tableEntries(tableId: number): Iterable<TableEntryState> {
    return this.tables.get(tableId)?.values() ?? [];
  }

  getDefaultEntry(tableId: number): TableEntryState | undefined {
    return this.defaults.get(tableId);
  }

  setDefaultEntry(tableId: number, entry: TableEntryState | undefined): P4Status {
    const initial = this.initialDefaults.get(tableId);
    if (!initial) return failure(Code.NOT_FOUND, `table ${tableId} not in pipeline`);
    this.defaults.set(tableId, entry ?? initial);
    return ok;
  }

  private profileOf(tableId: number): number {
    return this.index?.tables.get(tableId)?.implementationId ?? 0;
  }

  private checkReference(entry: TableEntryState): P4Status {
    const profile = this.profileOf(entry.tableId);
    if (entry.action.kind === 'member' && !this.memberStore.has(`${profile}:${entry.action.memberId}`)) {
      return failure(Code.NOT_FOUND, `action profile member ${entry.action.memberId} not found`);
    }
    if (entry.action.kind === 'group' && !this.groupStore.has(`${profile}:${entry.action.groupId}`)) {
      return failure(Code.NOT_FOUND, `action profile group ${entry.action.groupId} not found`);
    }
    return ok;
  }

  private countReference(entry: TableEntryState, delta: number): void {
    if (entry.action.kind === 'member') bump(this.memberReferences, `${this.profileOf(entry.tableId)}:${entry.action.memberId}`, delta);
    if (entry.action.kind === 'group') bump(this.groupReferences, `${this.profileOf(entry.tableId)}:${entry.action.groupId}`, delta);
  }

  insertMember(member: ActionProfileMember): P4Status {
    const key = `${member.actionProfileId}:${member.memberId}`;
    if (this.memberStore.has(key)) return failure(Code.ALREADY_EXISTS, `member ${member.memberId} already exists`);
    const size = this.index?.actionProfiles.get(member.actionProfileId)?.size ?? 0;
    if (size > 0 && countWhere(this.memberStore.values(), (item) => item.actionProfileId === member.actionProfileId) >= size) {
      return failure(Code.RESOURCE_EXHAUSTED, `action profile full (${size} members)`);
    }
    this.memberStore.set(key, member);
    return ok;
  }

  modifyMember(member: ActionProfileMember): P4Status {
    const key = `${member.actionProfileId}:${member.memberId}`;
    if (!this.memberStore.has(key)) return failure(Code.NOT_FOUND, `member ${member.memberId} not found`);
    this.memberStore.set(key, member);
    return ok;
  }

  deleteMember(actionProfileId: number, memberId: number): P4Status {
    const key = `${actionProfileId}:${memberId}`;
    if (!this.memberStore.has(key)) return failure(Code.NOT_FOUND, `member ${memberId} not found`);
    // §9.2.1: "The member must not be part of an action profile group … or referenced in the table action".
    if ((this.memberReferences.get(key) ?? 0) > 0) return failure(Code.FAILED_PRECONDITION, `member ${memberId} is in use`);
    this.memberStore.delete(key);
    return ok;
  }

  members(actionProfileId: number): Iterable<ActionProfileMember> {
    return [...this.memberStore.values()].filter((item) => actionProfileId === 0 || item.actionProfileId === actionProfileId);
  }

  private checkGroupMembers(group: ActionProfileGroup): P4Status {
    for (const member of group.members) {
      if (!this.memberStore.has(`${group.actionProfileId}:${member.memberId}`)) {
        return failure(Code.NOT_FOUND, `member ${member.memberId} not found`);
      }
    }
    return ok;
  }

  private countGroupMembers(group: ActionProfileGroup, delta: number): void {
    for (const member of group.members) bump(this.memberReferences, `${group.actionProfileId}:${member.memberId}`, delta);
  }

  insertGroup(group: ActionProfileGroup): P4Status {
    const key = `${group.actionProfileId}:${group.groupId}`;
    if (this.groupStore.has(key)) return failure(Code.ALREADY_EXISTS, `group ${group.groupId} already exists`);
    const members = this.checkGroupMembers(group);
    if (members.code !== Code.OK) return members;
    this.countGroupMembers(group, 1);
    this.groupStore.set(key, group);
    return ok;
  }

  modifyGroup(group: ActionProfileGroup): P4Status {
    const key = `${group.actionProfileId}:${group.groupId}`;
    const previous = this.groupStore.get(key);
    if (!previous) return failure(Code.NOT_FOUND, `group ${group.groupId} not found`);
    const members = this.checkGroupMembers(group);
    if (members.code !== Code.OK) return members;
    this.countGroupMembers(previous, -1);
    this.countGroupMembers(group, 1);
    this.groupStore.set(key, group);
    return ok;
  }

  deleteGroup(actionProfileId: number, groupId: number): P4Status {
    const key = `${actionProfileId}:${groupId}`;
    const previous = this.groupStore.get(key);
    if (!previous) return failure(Code.NOT_FOUND, `group ${groupId} not found`);
    if ((this.groupReferences.get(key) ?? 0) > 0) return failure(Code.FAILED_PRECONDITION, `group ${groupId} is in use`);
    this.countGroupMembers(previous, -1);
    this.groupStore.delete(key);
    return ok;
  }

  groups(actionProfileId: number): Iterable<ActionProfileGroup> {
    return [...this.groupStore.values()].filter((item) => actionProfileId === 0 || item.actionProfileId === actionProfileId);
  }

  readCounter(counterId: number, index: number): CounterData {
    return this.counters.get(`${counterId}:${index}`) ?? { byteCount: 0n, packetCount: 0n };
  }
  writeCounter(counterId: number, index: number, data: CounterData): void {
    this.counters.set(`${counterId}:${index}`, data);
  }
  readMeter(meterId: number, index: number): MeterConfig | undefined {
    return this.meters.get(`${meterId}:${index}`);
  }
  writeMeter(meterId: number, index: number, config: MeterConfig | undefined): void {
    if (config) this.meters.set(`${meterId}:${index}`, config);
    else this.meters.delete(`${meterId}:${index}`);
  }
  readRegister(registerId: number, index: number): bigint {
    return this.registers.get(`${registerId}:${index}`) ?? 0n;
  }
  writeRegister(registerId: number, index: number, value: bigint): void {
    this.registers.set(`${registerId}:${index}`, value);
  }

  insertMulticastGroup(group: MulticastGroupEntry): P4Status {
    if (this.multicast.has(group.multicastGroupId)) return failure(Code.ALREADY_EXISTS, 'multicast group already exists');
    this.multicast.set(group.multicastGroupId, group);
    return ok;
  }
  modifyMulticastGroup(group: MulticastGroupEntry): P4Status {
    if (!this.multicast.has(group.multicastGroupId)) return failure(Code.NOT_FOUND, 'multicast group not found');
    this.multicast.set(group.multicastGroupId, group);
    return ok;
  }
  deleteMulticastGroup(multicastGroupId: number): P4Status {
    return this.multicast.delete(multicastGroupId) ? ok : failure(Code.NOT_FOUND, 'multicast group not found');
  }
  multicastGroups(): Iterable<MulticastGroupEntry> {
    return this.multicast.values();
  }
  insertCloneSession(session: CloneSessionEntry): P4Status {
    if (this.clones.has(session.sessionId)) return failure(Code.ALREADY_EXISTS, 'clone session already exists');
    this.clones.set(session.sessionId, session);
    return ok;
  }
  modifyCloneSession(session: CloneSessionEntry): P4Status {
    if (!this.clones.has(session.sessionId)) return failure(Code.NOT_FOUND, 'clone session not found');
    this.clones.set(session.sessionId, session);
    return ok;
  }
  deleteCloneSession(sessionId: number): P4Status {
    return this.clones.delete(sessionId) ? ok : failure(Code.NOT_FOUND, 'clone session not found');
  }
  cloneSessions(): Iterable<CloneSessionEntry> {
    return this.clones.values();
  }

  writeValueSet(valueSetId: number, members: FieldMatch[][]): P4Status {
    this.valueSets.set(valueSetId, members);
    return ok;
  }
  valueSetMembers(valueSetId: number): FieldMatch[][] {
    return this.valueSets.get(valueSetId) ?? [];
  }

  setDigestConfig(digestId: number, config: DigestConfig | undefined): void {
    if (config) this.digestConfigs.set(digestId, config);
    else this.digestConfigs.delete(digestId);
  }
  getDigestConfig(digestId: number): DigestConfig | undefined {
    return this.digestConfigs.get(digestId);
  }

  transmitPacket(payload: Uint8Array, metadata: Map<number, bigint>): P4Status {
    this.transmitted.push({ payload, metadata });
    return ok;
  }

  subscribe(events: TargetEvents): void {
    this.events = events;
  }

  // ---- test drivers: what a data plane would do ----

  /** Punts a packet to the controller. */
  emitPacketIn(payload: Uint8Array, metadata: Map<number, bigint>): void {
    this.events?.packetIn(payload, metadata);
  }
  /** Emits a digest message if the digest is enabled (as a data plane would). */
  emitDigest(digestId: number, data: DigestValue): void {
    if (this.digestConfigs.has(digestId)) this.events?.digest(digestId, data);
  }
  /** Raises idle-timeout events as a self-aging target would (the server then notifies the primary). */
  emitIdleTimeout(entries: TableEntryState[]): void {
    this.events?.idleTimeout(entries);
  }
  /** Marks an entry as hit now (resets its idle timer). */
  hitEntry(tableId: number, match: readonly FieldMatch[], priority: number, atNs = this.nowNs()): void {
    const entry = this.getTableEntry(tableId, match, priority);
    if (entry) entry.lastHitNs = atNs;
  }
}

function bump(map: Map<string, number>, key: string, delta: number): void {
  const next = (map.get(key) ?? 0) + delta;
  if (next <= 0) map.delete(key);
  else map.set(key, next);
}

function countWhere<T>(items: Iterable<T>, predicate: (item: T) => boolean): number {
  let count = 0;
  for (const item of items) if (predicate(item)) count++;
  return count;
}

/** The program's default action: the const default, else NoAction (P4Info carries no other initial default). */
function initialDefaultEntry(table: TableInfo, p4info: Record<string, unknown>): TableEntryState {
  let actionId = table.constDefaultActionId;
  if (!actionId) {
    for (const id of table.actionScopes.keys()) if (/(^|\.)NoAction$/.test(nameOfAction(p4info, id))) actionId = id;
  }
  return {
    tableId: table.id, match: [], priority: 0,
    action: { kind: 'action', action: { actionId: actionId ?? 0, params: [] } },
    controllerMetadata: 0n, metadata: new Uint8Array(0), idleTimeoutNs: 0n,
    counter: { byteCount: 0n, packetCount: 0n }, lastHitNs: 0n, isConst: table.constDefaultActionId !== 0,
  };
}

function nameOfAction(p4info: Record<string, unknown>, id: number): string {
  const actions = p4info.actions as { preamble?: { id?: number; name?: string } }[] | undefined;
  return actions?.find((item) => item.preamble?.id === id)?.preamble?.name ?? '';
}
