// The embedded switch as a P4Runtime forwarding target (src/p4rt/target.ts):
// compiles the device config's P4 source with the project's front-end, checks
// that the client's P4Info describes that program (p4infoMismatches), loads it
// into a Switch bound to the P4Info ids, and answers the server's state calls.
// PacketOut/PacketIn metadata are translated between P4Info ids and the
// controller headers' field positions the engine uses. The server has
// validated everything; this adapter only reports what the data plane alone
// knows (existence, capacity, references).

import { compileSources } from '../p4c/index.js';
import { Diagnostics, formatDiagnostic } from '../p4c/diagnostics.js';
import type { IrHeaderType, IrProgram } from '../p4c/ir.js';
import { emitP4Info } from '../p4c/p4info/index.js';
import type { P4InfoObject } from '../p4c/p4info/types.js';
import type { DeviceConfig } from '../p4rt/server/device-config.js';
import type { TraceEvent } from './interpreter/context.js';
import type { DigestConfig, DigestValue, ForwardingTarget, PipelineConfig, TargetEvents } from '../p4rt/target.js';
import { Code, failure, ok, type P4Status } from '../p4rt/server/status.js';
import type {
  ActionProfileGroup, ActionProfileMember, CloneSessionEntry, CounterData, FieldMatch, MeterConfig,
  MulticastGroupEntry, TableEntryState,
} from './entries.js';
import { Switch, type DigestData, type OutputPacket, type SwitchOptions } from './switch.js';
import type { TableWriteResult } from './table.js';

function status(result: TableWriteResult): P4Status {
  if (result.ok) return ok;
  return failure(Code[result.error.code], result.error.message);
}

export interface SimTargetOptions extends Omit<SwitchOptions, 'p4info'> {
  /** Receives every packet the switch transmits on a front-panel port (CPU-port packets go to PacketIn). */
  transmit?: (packet: OutputPacket) => void;
  /** With `trace` on: the trace of every packet received on a port (PacketOuts are not traced). */
  onTrace?: (port: number, trace: readonly TraceEvent[]) => void;
}

/** A compiled program and the P4Info the front-end derives from it. */
interface Compiled {
  key: string;
  program: IrProgram;
  emitted: P4InfoObject;
}

type Loaded = { ok: true; switch: Switch; packetIn: MetadataMap; packetOut: MetadataMap } | { ok: false; status: P4Status };

/** Controller header field position (1-based, as the engine numbers them) ↔ P4Info metadata id. */
interface MetadataMap {
  idOfPosition: Map<number, number>;
  positionOfId: Map<number, number>;
}

export class SimTarget implements ForwardingTarget {
  /** The loaded switch; undefined until a pipeline is committed. */
  switch: Switch | undefined;
  private events: TargetEvents | undefined;
  private readonly digestConfigs = new Map<number, DigestConfig>();
  private readonly started = process.hrtime.bigint();
  /** VERIFY_AND_COMMIT verifies then commits the same config: compile it once. */
  private lastCompiled: Compiled | undefined;
  /** The switch built by the last successful verifyPipeline, never run. */
  private verified: { pipeline: PipelineConfig; loaded: Loaded & { ok: true } } | undefined;
  private packetInIds: MetadataMap = { idOfPosition: new Map(), positionOfId: new Map() };
  private packetOutIds: MetadataMap = { idOfPosition: new Map(), positionOfId: new Map() };

  constructor(private readonly options: SimTargetOptions = {}) {}

  private compile(config: DeviceConfig): { ok: true; compiled: Compiled } | { ok: false; status: P4Status } {
    if (config.main === '') return { ok: false, status: failure(Code.INVALID_ARGUMENT, 'the embedded switch needs a P4 program in p4_device_config') };
    const key = JSON.stringify([config.main, config.files, config.defines]);
    if (this.lastCompiled?.key === key) return { ok: true, compiled: this.lastCompiled };
    const result = compileSources(config.files, config.main, { defines: config.defines });
    if (!result.ir) {
      const errors = result.diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic);
      return { ok: false, status: failure(Code.INVALID_ARGUMENT, `P4 program does not compile:\n${errors.join('\n')}`) };
    }
    const diagnostics = new Diagnostics();
    const emitted = emitP4Info(result.ir, diagnostics);
    if (diagnostics.hasErrors()) {
      const errors = diagnostics.items.filter((d) => d.severity === 'error').map(formatDiagnostic);
      return { ok: false, status: failure(Code.INVALID_ARGUMENT, `no P4Info for the program:\n${errors.join('\n')}`) };
    }
    this.lastCompiled = { key, program: result.ir, emitted };
    return { ok: true, compiled: this.lastCompiled };
  }

  private load(pipeline: PipelineConfig): Loaded {
    const compiled = this.compile(pipeline.deviceConfig);
    if (!compiled.ok) return compiled;
    const { program, emitted } = compiled.compiled;
    const mismatches = p4infoMismatches(emitted, pipeline.p4info as P4InfoObject);
    if (mismatches.length > 0) {
      const shown = mismatches.slice(0, 10).join('\n');
      const more = mismatches.length > 10 ? `\n... and ${mismatches.length - 10} more` : '';
      return { ok: false, status: failure(Code.INVALID_ARGUMENT, `P4Info does not match the P4 program:\n${shown}${more}`) };
    }
    const created = Switch.create(program, { ...this.options, p4info: pipeline.p4info, clock: this.options.clock ?? (() => this.nowNs()) });
    if (!created.ok) return { ok: false, status: failure(Code.INVALID_ARGUMENT, created.problems.join('\n')) };
    const packetIn = metadataMap(program.controllerHeaders.packetIn, pipeline.p4info as P4InfoObject, 'packet_in');
    const packetOut = metadataMap(program.controllerHeaders.packetOut, pipeline.p4info as P4InfoObject, 'packet_out');
    return { ok: true, switch: created.switch, packetIn, packetOut };
  }

  verifyPipeline(pipeline: PipelineConfig): P4Status {
    const loaded = this.load(pipeline);
    // The server commits the very object it verified (VERIFY_AND_COMMIT, VERIFY_AND_SAVE + COMMIT):
    // keep the unused switch so the commit does not build it again.
    this.verified = loaded.ok ? { pipeline, loaded } : undefined;
    return loaded.ok ? ok : loaded.status;
  }

  commitPipeline(pipeline: PipelineConfig): P4Status {
    const loaded = this.verified?.pipeline === pipeline ? this.verified.loaded : this.load(pipeline);
    this.verified = undefined;
    if (!loaded.ok) return loaded.status;
    this.switch = loaded.switch;
    this.packetInIds = loaded.packetIn;
    this.packetOutIds = loaded.packetOut;
    this.digestConfigs.clear();
    this.switch.onPacketIn = (payload, metadata) => this.events?.packetIn(payload, renumber(metadata, this.packetInIds.idOfPosition));
    this.switch.onDigest = (digestId, data) => {
      if (this.digestConfigs.has(digestId)) this.events?.digest(digestId, toDigestValue(data));
    };
    return ok;
  }

  nowNs(): bigint {
    return this.options.clock ? this.options.clock() : process.hrtime.bigint() - this.started;
  }

  /** A packet arriving on a front-panel port; transmitted copies go to `options.transmit`. */
  receive(port: number, bytes: Uint8Array): OutputPacket[] {
    if (!this.switch) return [];
    const outputs = this.run(port, bytes);
    this.deliver(outputs);
    return outputs;
  }

  private run(port: number, bytes: Uint8Array): OutputPacket[] {
    const result = this.switch!.process(port, bytes);
    if (result.trace && this.options.onTrace) this.options.onTrace(port, result.trace);
    return result.outputs;
  }

  private deliver(outputs: OutputPacket[]): void {
    if (!this.options.transmit || !this.switch) return;
    for (const output of outputs) if (output.port !== this.switch.cpuPort) this.options.transmit(output);
  }

  // ---------------------------------------------------------------- tables

  getTableEntry(tableId: number, match: readonly FieldMatch[], priority: number): TableEntryState | undefined {
    return this.switch?.table(tableId)?.get(match, priority);
  }

  private checkReference(entry: TableEntryState): P4Status {
    if (entry.action.kind !== 'member' && entry.action.kind !== 'group') return ok;
    const tableIndex = this.switch?.runtime.tableIdToIndex.get(entry.tableId);
    const profile = tableIndex === undefined ? undefined : this.switch?.runtime.profileOfTable(tableIndex);
    if (entry.action.kind === 'member' && !profile?.member(entry.action.memberId)) {
      return failure(Code.NOT_FOUND, `action profile member ${entry.action.memberId} not found`);
    }
    if (entry.action.kind === 'group' && !profile?.group(entry.action.groupId)) {
      return failure(Code.NOT_FOUND, `action profile group ${entry.action.groupId} not found`);
    }
    return ok;
  }

  insertTableEntry(entry: TableEntryState): P4Status {
    const table = this.switch?.table(entry.tableId);
    if (!table) return failure(Code.NOT_FOUND, `table ${entry.tableId} not in pipeline`);
    const reference = this.checkReference(entry);
    if (reference.code !== Code.OK) return reference;
    return status(table.insert(entry));
  }

  /**
   * Replaces the whole state of the entry (target.ts contract). The engine's
   * modify keeps the counter and the hit time, so those are copied here: the
   * server sends the counter it wants kept or written, and a restarted idle
   * timer as lastHitNs (§9.1.5 "the P4Runtime server must reset the timer").
   */
  modifyTableEntry(entry: TableEntryState): P4Status {
    const table = this.switch?.table(entry.tableId);
    if (!table) return failure(Code.NOT_FOUND, `table ${entry.tableId} not in pipeline`);
    const stored = table.get(entry.match, entry.priority);
    if (!stored) return failure(Code.NOT_FOUND, 'table entry not found');
    if (stored.isConst) {
      // §9.1.4: only the direct resources of a const entry change (the server has checked the rest).
      stored.counter = entry.counter;
      stored.meterConfig = entry.meterConfig;
      stored.lastHitNs = entry.lastHitNs;
      return ok;
    }
    const reference = this.checkReference(entry);
    if (reference.code !== Code.OK) return reference;
    const result = table.modify(entry);
    if (result.ok && stored !== entry) {
      stored.counter = entry.counter;
      stored.lastHitNs = entry.lastHitNs;
    }
    return status(result);
  }

  deleteTableEntry(tableId: number, match: readonly FieldMatch[], priority: number): P4Status {
    const table = this.switch?.table(tableId);
    if (!table) return failure(Code.NOT_FOUND, `table ${tableId} not in pipeline`);
    return status(table.delete(match, priority));
  }

  tableEntries(tableId: number): Iterable<TableEntryState> {
    return this.switch?.table(tableId)?.entries() ?? [];
  }

  getDefaultEntry(tableId: number): TableEntryState | undefined {
    const table = this.switch?.table(tableId);
    if (!table) return undefined;
    return {
      tableId,
      match: [],
      priority: 0,
      action: { kind: 'action', action: table.defaultAction },
      controllerMetadata: 0n,
      metadata: new Uint8Array(0),
      idleTimeoutNs: 0n,
      counter: { byteCount: 0n, packetCount: 0n },
      lastHitNs: 0n,
      isConst: table.spec.defaultActionIsConst ?? false,
    };
  }

  setDefaultEntry(tableId: number, entry: TableEntryState | undefined): P4Status {
    const table = this.switch?.table(tableId);
    if (!table) return failure(Code.NOT_FOUND, `table ${tableId} not in pipeline`);
    if (!entry) {
      table.resetDefaultAction();
      return ok;
    }
    if (entry.action.kind !== 'action') return failure(Code.UNIMPLEMENTED, 'indirect default actions are not supported by the embedded switch');
    return status(table.setDefaultAction(entry.action.action));
  }

  // --------------------------------------------------------- action profiles

  private profile(actionProfileId: number) {
    return this.switch?.actionProfile(actionProfileId);
  }

  insertMember(member: ActionProfileMember): P4Status {
    const profile = this.profile(member.actionProfileId);
    return profile ? status(profile.insertMember(member)) : failure(Code.NOT_FOUND, `action profile ${member.actionProfileId} not in pipeline`);
  }

  modifyMember(member: ActionProfileMember): P4Status {
    const profile = this.profile(member.actionProfileId);
    return profile ? status(profile.modifyMember(member)) : failure(Code.NOT_FOUND, `action profile ${member.actionProfileId} not in pipeline`);
  }

  /** Entries of the tables implemented by a profile that refer to a member or group. */
  private referenced(actionProfileId: number, kind: 'member' | 'group', id: number): boolean {
    const sw = this.switch;
    if (!sw) return false;
    for (const table of sw.program.tables) {
      if (sw.runtime.profileOfTable(table.index) !== this.profile(actionProfileId)) continue;
      for (const entry of sw.runtime.tables[table.index].entries()) {
        if (entry.action.kind === 'member' && kind === 'member' && entry.action.memberId === id) return true;
        if (entry.action.kind === 'group' && kind === 'group' && entry.action.groupId === id) return true;
      }
    }
    return false;
  }

  deleteMember(actionProfileId: number, memberId: number): P4Status {
    const profile = this.profile(actionProfileId);
    if (!profile) return failure(Code.NOT_FOUND, `action profile ${actionProfileId} not in pipeline`);
    if (!profile.member(memberId)) return failure(Code.NOT_FOUND, `member ${memberId} not found`);
    const inGroup = [...profile.allGroups()].some((group) => group.members.some((m) => m.memberId === memberId));
    // §9.2.1: a member still in a group or referred to by a table entry cannot be deleted.
    if (inGroup || this.referenced(actionProfileId, 'member', memberId)) return failure(Code.FAILED_PRECONDITION, `member ${memberId} is in use`);
    return status(profile.deleteMember(memberId));
  }

  members(actionProfileId: number): Iterable<ActionProfileMember> {
    if (actionProfileId !== 0) return this.profile(actionProfileId)?.allMembers() ?? [];
    return this.allProfiles().flatMap((p) => [...p.allMembers()]);
  }

  private allProfiles() {
    return (this.switch?.runtime.externs ?? []).flatMap((object) => (object?.profile ? [object.profile] : []));
  }

  insertGroup(group: ActionProfileGroup): P4Status {
    const profile = this.profile(group.actionProfileId);
    return profile ? status(profile.insertGroup(group)) : failure(Code.NOT_FOUND, `action profile ${group.actionProfileId} not in pipeline`);
  }

  modifyGroup(group: ActionProfileGroup): P4Status {
    const profile = this.profile(group.actionProfileId);
    return profile ? status(profile.modifyGroup(group)) : failure(Code.NOT_FOUND, `action profile ${group.actionProfileId} not in pipeline`);
  }

  deleteGroup(actionProfileId: number, groupId: number): P4Status {
    const profile = this.profile(actionProfileId);
    if (!profile) return failure(Code.NOT_FOUND, `action profile ${actionProfileId} not in pipeline`);
    if (profile.group(groupId) && this.referenced(actionProfileId, 'group', groupId)) return failure(Code.FAILED_PRECONDITION, `group ${groupId} is in use`);
    return status(profile.deleteGroup(groupId));
  }

  groups(actionProfileId: number): Iterable<ActionProfileGroup> {
    if (actionProfileId !== 0) return this.profile(actionProfileId)?.allGroups() ?? [];
    return this.allProfiles().flatMap((p) => [...p.allGroups()]);
  }

  // --------------------------------------------------------- indexed externs

  readCounter(counterId: number, index: number): CounterData {
    return this.switch?.counter(counterId)?.read(index) ?? { byteCount: 0n, packetCount: 0n };
  }

  writeCounter(counterId: number, index: number, data: CounterData): void {
    this.switch?.counter(counterId)?.write(index, data);
  }

  readMeter(meterId: number, index: number): MeterConfig | undefined {
    return this.switch?.meter(meterId)?.readConfig(index);
  }

  writeMeter(meterId: number, index: number, config: MeterConfig | undefined): void {
    this.switch?.meter(meterId)?.configure(index, config);
  }

  readRegister(registerId: number, index: number): bigint {
    return this.switch?.register(registerId)?.read(index) ?? 0n;
  }

  writeRegister(registerId: number, index: number, value: bigint): void {
    this.switch?.register(registerId)?.write(index, value);
  }

  // ------------------------------------------------------------------- PRE

  insertMulticastGroup(group: MulticastGroupEntry): P4Status {
    return this.switch ? status(this.switch.pre.writeMulticastGroup('insert', group)) : failure(Code.FAILED_PRECONDITION, 'no pipeline');
  }

  modifyMulticastGroup(group: MulticastGroupEntry): P4Status {
    return this.switch ? status(this.switch.pre.writeMulticastGroup('modify', group)) : failure(Code.FAILED_PRECONDITION, 'no pipeline');
  }

  deleteMulticastGroup(multicastGroupId: number): P4Status {
    return this.switch ? status(this.switch.pre.deleteMulticastGroup(multicastGroupId)) : failure(Code.FAILED_PRECONDITION, 'no pipeline');
  }

  multicastGroups(): Iterable<MulticastGroupEntry> {
    return this.switch?.pre.multicastGroups() ?? [];
  }

  insertCloneSession(session: CloneSessionEntry): P4Status {
    return this.switch ? status(this.switch.pre.writeCloneSession('insert', session)) : failure(Code.FAILED_PRECONDITION, 'no pipeline');
  }

  modifyCloneSession(session: CloneSessionEntry): P4Status {
    return this.switch ? status(this.switch.pre.writeCloneSession('modify', session)) : failure(Code.FAILED_PRECONDITION, 'no pipeline');
  }

  deleteCloneSession(sessionId: number): P4Status {
    return this.switch ? status(this.switch.pre.deleteCloneSession(sessionId)) : failure(Code.FAILED_PRECONDITION, 'no pipeline');
  }

  cloneSessions(): Iterable<CloneSessionEntry> {
    return this.switch?.pre.cloneSessions() ?? [];
  }

  // ------------------------------------------------------------ value sets

  writeValueSet(valueSetId: number, members: FieldMatch[][]): P4Status {
    if (!this.switch?.writeValueSet(valueSetId, members)) return failure(Code.NOT_FOUND, `value set ${valueSetId} not in pipeline`);
    return ok;
  }

  valueSetMembers(valueSetId: number): FieldMatch[][] {
    return this.switch?.valueSetMembers(valueSetId) ?? [];
  }

  // ---------------------------------------------------------------- digests

  setDigestConfig(digestId: number, config: DigestConfig | undefined): void {
    if (config) this.digestConfigs.set(digestId, config);
    else this.digestConfigs.delete(digestId);
  }

  getDigestConfig(digestId: number): DigestConfig | undefined {
    return this.digestConfigs.get(digestId);
  }

  // ------------------------------------------------------------ packet I/O

  transmitPacket(payload: Uint8Array, metadata: Map<number, bigint>): P4Status {
    const device = this.switch;
    if (!device) return failure(Code.FAILED_PRECONDITION, 'no pipeline');
    // §16.1: PacketOut metadata come by P4Info id; the engine builds the packet_out header by field position.
    const byPosition = renumber(metadata, this.packetOutIds.positionOfId);
    this.deliver(device.packetOut(payload, byPosition));
    return ok;
  }

  subscribe(events: TargetEvents): void {
    this.events = events;
  }
}

function toDigestValue(data: DigestData): DigestValue {
  return data.kind === 'bitstring' ? { kind: 'bitstring', value: data.value } : { kind: 'struct', members: data.members.map(toDigestValue) };
}

/** Re-keys PacketIn/PacketOut metadata between engine positions and P4Info ids; unknown keys are dropped. */
function renumber(metadata: Map<number, bigint>, mapping: Map<number, number>): Map<number, bigint> {
  if (mapping.size === 0) return metadata;
  const out = new Map<number, bigint>();
  for (const [key, value] of metadata) {
    const mapped = mapping.get(key);
    if (mapped !== undefined) out.set(mapped, value);
  }
  return out;
}

/**
 * P4Runtime §16.1: PacketIn/PacketOut metadata are identified by the ids of
 * controller_packet_metadata in the P4Info, which name the controller header's
 * fields; the engine numbers the fields by position. Empty when the P4Info
 * does not describe the header (then positions are used as ids, p4c's default).
 */
function metadataMap(header: IrHeaderType | undefined, p4info: P4InfoObject, name: string): MetadataMap {
  const map: MetadataMap = { idOfPosition: new Map(), positionOfId: new Map() };
  const described = listOf(p4info.controller_packet_metadata)?.find((item) => nameOf(item) === name);
  const metadata = listOf(described?.metadata);
  if (!header || !metadata) return map;
  header.fields.forEach((field, index) => {
    const id = metadata.find((item) => item?.name === field.name)?.id;
    if (typeof id !== 'number') return;
    map.idOfPosition.set(index + 1, id);
    map.positionOfId.set(id, index + 1);
  });
  return map;
}

/** A repeated field of a client's P4Info, or undefined when it is not a list (malformed input is data). */
function listOf(value: unknown): any[] | undefined {
  return Array.isArray(value) ? value : undefined;
}

function nameOf(item: unknown): string {
  const name = (item as { preamble?: { name?: unknown } } | null)?.preamble?.name;
  return typeof name === 'string' ? name : '';
}

function fieldsShape(fields: unknown, describe: (field: any) => string): string | undefined {
  if (fields === undefined) return undefined;
  const list = listOf(fields);
  if (!list) return 'not a list';
  return list.map((field) => (typeof field === 'object' && field !== null ? describe(field) : '?')).join(',');
}

// A shape of undefined means the client's P4Info does not describe that part (a hand-written partial P4Info).
const shapes: { list: keyof P4InfoObject; what: string; shape: (item: any) => string | undefined }[] = [
  { list: 'tables', what: 'table', shape: (t) => fieldsShape(t?.match_fields, (f) => `${f.name}:${f.bitwidth ?? 0}:${f.match_type ?? f.other_match_type ?? ''}`) },
  { list: 'actions', what: 'action', shape: (a) => fieldsShape(a?.params, (p) => `${p.name}:${p.bitwidth ?? 0}`) },
  { list: 'action_profiles', what: 'action profile', shape: (p) => `selector=${p?.with_selector === true}` },
  { list: 'counters', what: 'counter', shape: (c) => (c?.size === undefined ? undefined : `size=${c.size}`) },
  { list: 'direct_counters', what: 'direct counter', shape: () => undefined },
  { list: 'meters', what: 'meter', shape: (m) => (m?.size === undefined ? undefined : `size=${m.size}`) },
  { list: 'direct_meters', what: 'direct meter', shape: () => undefined },
  { list: 'registers', what: 'register', shape: (r) => (r?.size === undefined ? undefined : `size=${r.size}`) },
  { list: 'value_sets', what: 'value set', shape: (v) => fieldsShape(v?.match, (f) => `${f.name}:${f.bitwidth ?? 0}`) },
  { list: 'digests', what: 'digest', shape: () => undefined },
  { list: 'controller_packet_metadata', what: 'controller header', shape: (c) => fieldsShape(c?.metadata, (m) => `${m.name}:${m.bitwidth ?? 0}`) },
];

/**
 * Differences between the P4Info the front-end derives from the program
 * (`program`) and the one the client sent (`given`). The switch binds the
 * client's ids by name (P4Runtime §6: ids are the client-visible handles), so
 * every object the client names must exist in the program with the same
 * shape: match fields, parameters and controller metadata in the same order
 * and widths. Objects the P4Info leaves out are only unreachable from the
 * controller, as with @hidden, and are not an error; nor are parts it does
 * not describe at all (no match_fields list), which hand-written test
 * P4Infos omit.
 */
export function p4infoMismatches(program: P4InfoObject, given: P4InfoObject): string[] {
  const problems: string[] = [];
  if (typeof given !== 'object' || given === null) return ['P4Info is not a message'];
  for (const { list, what, shape } of shapes) {
    const ours = new Map((listOf(program[list]) ?? []).map((item) => [nameOf(item), item]));
    const theirs = given[list] === undefined ? [] : listOf(given[list]);
    if (!theirs) {
      problems.push(`P4Info ${list} is not a list`);
      continue;
    }
    for (const item of theirs) {
      const name = nameOf(item);
      const match = ours.get(name);
      if (!match) {
        problems.push(`${what} "${name}" is not in the program`);
        continue;
      }
      const actual = shape(item);
      const expected = shape(match) ?? '';
      if (actual !== undefined && expected !== actual) problems.push(`${what} "${name}": P4Info has [${actual}], the program has [${expected}]`);
    }
  }
  return problems;
}
