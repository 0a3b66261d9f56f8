// The embedded software switch: a loaded v1model program, its control-plane
// state addressed by P4Info id, and packet I/O. This is what the P4Runtime
// server and the STF runner drive; everything here is synchronous.
//
//   const loaded = Switch.create(ir, { p4info });
//   if (!loaded.ok) report(loaded.problems);
//   const outputs = loaded.switch.processPacket(1, bytes);
//
// Layers: table.ts (match engine), action-profile.ts, pre.ts and externs/
// hold state; interpreter/ compiles the IR to closures once per program;
// pipeline.ts runs the v1model architecture (BMv2 simple_switch order);
// target.ts adapts all of it to the P4Runtime server's ForwardingTarget.
// Behaviour follows BMv2 where the P4 spec leaves it open; deliberate
// differences: header fields are zeroed between packets (BMv2 keeps stale
// values of invalid headers, which depend on its PHV pool and thread timing),
// a loop running
// over 2^20 iterations drops the packet, and a failed assert/assume drops
// the packet instead of aborting.

import type { HeaderValue, IrHeaderType, IrKeyset, IrProgram, IrTable, IrTableEntry, IrType, Value } from '../p4c/ir.js';
import type { FieldMatch, TableEntryState } from './entries.js';
import { readBits, writeBits } from './interpreter/bits.js';
import type { TraceEvent } from './interpreter/context.js';
import { idsFromP4Info, Runtime, type P4InfoIds } from './interpreter/runtime.js';
import { toBig } from './interpreter/values.js';
import { xorshift32 } from './externs/random.js';
import type { CrcConfig } from './externs/hash.js';
import { V1ModelPipeline, v1modelProblems, type PipelineResult } from './pipeline.js';
import { PacketReplicationEngine } from './pre.js';
import type { ActionProfile } from './action-profile.js';
import type { CounterArray } from './externs/counter.js';
import type { MeterArray } from './externs/meter.js';
import type { RegisterArray } from './externs/register.js';
import type { MatchTable } from './table.js';

export interface SwitchOptions {
  /** P4Info (plain object, snake_case or camelCase) whose ids the control plane uses; absent = p4c-style ids by name. */
  p4info?: Record<string, unknown>;
  /** Port whose packets become PacketIns (simple_switch_grpc --cpu-port; default 510). */
  cpuPort?: number;
  /** Clock in nanoseconds since the switch started (timestamps, meters, lastHitNs). Default: process.hrtime. */
  clock?: () => bigint;
  /** Seed of the deterministic source behind random() and the `random` hash. */
  randomSeed?: number;
  /** Record a per-packet trace (parser states, tables, actions, drops). Off by default. */
  trace?: boolean;
  /** egress_spec value that drops (simple_switch --drop-port; default 511). */
  dropPort?: number;
}

export interface OutputPacket {
  port: number;
  bytes: Uint8Array;
}

/** Digest data in the shape of P4Runtime P4Data (bitstrings and structs). */
export type DigestData = { kind: 'bitstring'; value: bigint } | { kind: 'struct'; members: DigestData[] };

export interface ProcessResult {
  outputs: OutputPacket[];
  trace?: TraceEvent[];
  errors: string[];
}

export type CreateResult = { ok: true; switch: Switch } | { ok: false; problems: string[] };

function digestData(type: IrType, value: Value): DigestData {
  if (type.kind === 'struct' || type.kind === 'header') {
    const members = type.kind === 'header' ? (value as HeaderValue).fields : (value as Value[]);
    return { kind: 'struct', members: type.fields.map((f, i) => digestData(f.type, members[i])) };
  }
  return { kind: 'bitstring', value: toBig(value) };
}

/** Converts a table's initial entries (P4_16 §14.2.1.4) to control-plane state. */
function initialEntries(table: IrTable, tableId: number, runtime: Runtime): TableEntryState[] {
  const list = table.entries;
  if (!list) return [];
  const matchKeys = table.keys.filter((k) => ['exact', 'lpm', 'ternary', 'range', 'optional'].includes(k.matchKind));
  const needsPriority = matchKeys.some((k) => k.matchKind === 'ternary' || k.matchKind === 'range' || k.matchKind === 'optional');
  const legacy = list.entries.map(legacyPriority);
  const legacyMaximum = legacy.some((value) => value !== undefined) ? Math.max(...legacy.map((value, position) => value ?? position + 1)) : 0;
  return list.entries.map((entry, position) => {
    const match = matchKeys.map((key, i) => keysetToMatch(entry.keysets[table.keys.indexOf(key)] ?? entry.keysets[i], key.matchKind, key.width));
    // Earlier entries win when no priority is written (P4_16 §14.2.1.4); P4Runtime: larger wins.
    let priority = entry.priority ?? list.entries.length - position;
    if (legacyMaximum > 0) {
      // `@priority(N)` (the annotation form): p4c's BMv2 JSON gives each entry N, or its
      // 1-based position without one, and BMv2 prefers the SMALLER number
      // (table-entries-priority-bmv2); turned around here into P4Runtime's larger-wins.
      priority = legacyMaximum + 1 - (legacy[position] ?? position + 1);
    }
    return {
      tableId,
      match,
      priority: needsPriority ? priority : 0,
      action: { kind: 'action', action: runtime.invocationOf(entry.action.action, entry.action.args) },
      controllerMetadata: 0n,
      metadata: new Uint8Array(),
      idleTimeoutNs: 0n,
      counter: { byteCount: 0n, packetCount: 0n },
      lastHitNs: 0n,
      isConst: list.isConst || entry.isConst,
    } satisfies TableEntryState;
  });
}

/** The value of an entry's `@priority(N)` annotation, if any. */
function legacyPriority(entry: IrTableEntry): number | undefined {
  const annotation = entry.annotations.find((a) => a.name === 'priority');
  const value = annotation?.args?.[0] ?? (annotation ? annotation.text.trim() : undefined);
  if (value === undefined) return undefined;
  const number = Number(value);
  return Number.isSafeInteger(number) && number >= 0 ? number : undefined;
}

function keysetToMatch(keyset: IrKeyset | undefined, kind: string, width: number): FieldMatch {
  const all = (1n << BigInt(width)) - 1n;
  if (!keyset || keyset.kind === 'default' || keyset.kind === 'valueSet') return kind === 'exact' ? { kind: 'exact', value: 0n } : { kind: 'wildcard' };
  if (keyset.kind === 'range') return { kind: 'range', low: toBig(keyset.low), high: toBig(keyset.high) };
  if (keyset.kind === 'mask') {
    const mask = toBig(keyset.mask) & all;
    const value = toBig(keyset.value) & mask;
    if (kind === 'lpm') {
      let prefixLen = 0;
      while (prefixLen < width && (mask >> BigInt(width - 1 - prefixLen)) & 1n) prefixLen++;
      return prefixLen === 0 ? { kind: 'wildcard' } : { kind: 'lpm', value, prefixLen };
    }
    return { kind: 'ternary', value, mask };
  }
  const value = toBig(keyset.value) & all;
  switch (kind) {
    case 'lpm':
      return { kind: 'lpm', value, prefixLen: width };
    case 'ternary':
      return { kind: 'ternary', value, mask: all };
    case 'range':
      return { kind: 'range', low: value, high: value };
    case 'optional':
      return { kind: 'optional', value };
    default:
      return { kind: 'exact', value };
  }
}

/** Field layout of a controller header: (offset, width) per field, in P4Info metadata id order (1, 2, ...). */
function controllerLayout(type: IrHeaderType | undefined): { offset: number; width: number }[] {
  if (!type) return [];
  let offset = 0;
  return type.fields.map((field) => {
    const width = field.type.kind === 'bit' ? field.type.width : field.type.kind === 'bool' ? 1 : 0;
    const layout = { offset, width };
    offset += width;
    return layout;
  });
}

export class Switch {
  readonly runtime: Runtime;
  readonly pre = new PacketReplicationEngine();
  private readonly pipeline: V1ModelPipeline;
  private readonly clock: () => bigint;
  private readonly packetInLayout: { offset: number; width: number }[];
  private readonly packetOutLayout: { offset: number; width: number }[];
  /** Unsupported constructs found while binding (their calls do nothing). */
  readonly problems: string[];

  /** Called for every packet sent to the CPU port, with the packet_in header fields split off by metadata id. */
  onPacketIn: ((payload: Uint8Array, metadata: Map<number, bigint>) => void) | undefined;
  /** Called for every digest() the data plane produced (digest id from the P4Info). */
  onDigest: ((digestId: number, data: DigestData) => void) | undefined;
  /** log_msg output. */
  onLog: ((message: string) => void) | undefined;

  /** Loads a program; user-level problems (not a V1Switch program, unsupported externs) come back as values. */
  static create(program: IrProgram, options: SwitchOptions = {}): CreateResult {
    const problem = v1modelProblems(program);
    if (problem) return { ok: false, problems: [problem] };
    const created = new Switch(program, options);
    if (created.problems.length > 0) return { ok: false, problems: created.problems };
    return { ok: true, switch: created };
  }

  /** Prefer `create`; the constructor throws when the program is not a V1Switch program. */
  constructor(
    readonly program: IrProgram,
    options: SwitchOptions = {},
  ) {
    const problems: { message: string }[] = [];
    const ids = options.p4info ? idsFromP4Info(options.p4info) : idsFromP4Info({});
    this.runtime = new Runtime(program, ids, problems);
    this.runtime.random = xorshift32(options.randomSeed);
    if (options.dropPort !== undefined) this.runtime.dropPort = options.dropPort;
    this.runtime.log = (message) => this.onLog?.(message);
    this.pipeline = new V1ModelPipeline(program, this.runtime, this.pre);
    this.pipeline.cpuPort = options.cpuPort ?? 510;
    this.pipeline.tracing = options.trace ?? false;
    const start = process.hrtime.bigint();
    this.clock = options.clock ?? (() => process.hrtime.bigint() - start);
    this.packetInLayout = controllerLayout(program.controllerHeaders.packetIn);
    this.packetOutLayout = controllerLayout(program.controllerHeaders.packetOut);
    this.problems = [...problems, ...this.pipeline.compiler.problems].map((p) => p.message);
    this.loadInitialEntries();
  }

  get ids(): P4InfoIds {
    return this.runtime.ids;
  }

  get cpuPort(): number {
    return this.pipeline.cpuPort;
  }

  /** Target clock in nanoseconds. */
  nowNs(): bigint {
    return this.clock();
  }

  set tracing(on: boolean) {
    this.pipeline.tracing = on;
  }

  private loadInitialEntries(): void {
    for (const table of this.program.tables) {
      const matchTable = this.runtime.tables[table.index];
      for (const entry of initialEntries(table, matchTable.spec.tableId, this.runtime)) matchTable.insert(entry);
    }
  }

  /** Clears all forwarding state (tables, profiles, counters, meters, registers, PRE, value sets) and reloads initial entries. */
  reset(): void {
    for (const table of this.runtime.tables) {
      table.clearAll();
      table.resetDefaultAction();
    }
    for (const object of this.runtime.externs) {
      object?.counter?.reset();
      object?.register?.reset();
      if (object?.meter) for (let i = 0; i < object.meter.size; i++) object.meter.configure(i, undefined);
      if (object?.profile) {
        for (const group of [...object.profile.allGroups()]) object.profile.deleteGroup(group.groupId);
        for (const member of [...object.profile.allMembers()]) object.profile.deleteMember(member.memberId);
      }
    }
    this.runtime.valueSets.forEach((_, i) => (this.runtime.valueSets[i] = []));
    this.pre.clear();
    this.loadInitialEntries();
  }

  // ------------------------------------------------------------ packet path

  /** Runs one packet received on `port` through the pipeline; returns every packet transmitted (CPU port included). */
  processPacket(port: number, bytes: Uint8Array): OutputPacket[] {
    return this.process(port, bytes).outputs;
  }

  /** Like processPacket, with the trace (when tracing is on) and run-time errors. */
  process(port: number, bytes: Uint8Array): ProcessResult {
    const now = Number(this.clock()) / 1000;
    const result: PipelineResult = this.pipeline.process(port, bytes, now);
    for (const digest of result.digests) {
      const name = this.program.digests[digest.digest].name;
      const id = this.runtime.ids.digest.get(name);
      if (id !== undefined) this.onDigest?.(id, digestData(digest.type, digest.value));
    }
    if (this.onPacketIn) {
      for (const output of result.outputs) if (output.port === this.pipeline.cpuPort) this.deliverPacketIn(output.bytes);
    }
    return { outputs: result.outputs, trace: result.trace, errors: result.errors };
  }

  private deliverPacketIn(bytes: Uint8Array): void {
    const metadata = new Map<number, bigint>();
    const headerBits = this.packetInLayout.reduce((sum, f) => sum + f.width, 0);
    if (headerBits === 0 || bytes.length * 8 < headerBits) {
      this.onPacketIn?.(bytes, metadata);
      return;
    }
    this.packetInLayout.forEach((field, i) => metadata.set(i + 1, toBig(readBits(bytes, field.offset, field.width))));
    this.onPacketIn?.(bytes.subarray((headerBits + 7) >> 3), metadata);
  }

  /**
   * P4Runtime PacketOut: prepends the packet_out controller header built from
   * `metadata` (by metadata id) and injects the packet on the CPU port.
   */
  packetOut(payload: Uint8Array, metadata: Map<number, bigint>): OutputPacket[] {
    const headerBits = this.packetOutLayout.reduce((sum, f) => sum + f.width, 0);
    const headerBytes = (headerBits + 7) >> 3;
    const bytes = new Uint8Array(headerBytes + payload.length);
    this.packetOutLayout.forEach((field, i) => writeBits(bytes, field.offset, field.width, BigInt.asUintN(field.width, metadata.get(i + 1) ?? 0n)));
    bytes.set(payload, headerBytes);
    return this.processPacket(this.pipeline.cpuPort, bytes);
  }

  // ------------------------------------------------------ control-plane state

  table(tableId: number): MatchTable | undefined {
    return this.runtime.tableById(tableId);
  }

  /** Table by control-plane name (tests and tools). */
  tableByName(name: string): MatchTable | undefined {
    const id = this.runtime.ids.table.get(name);
    return id === undefined ? undefined : this.runtime.tableById(id);
  }

  actionProfile(actionProfileId: number): ActionProfile | undefined {
    return this.runtime.externById(actionProfileId)?.profile;
  }

  counter(counterId: number): CounterArray | undefined {
    return this.runtime.externById(counterId)?.counter;
  }

  meter(meterId: number): MeterArray | undefined {
    return this.runtime.externById(meterId)?.meter;
  }

  register(registerId: number): RegisterArray | undefined {
    return this.runtime.externById(registerId)?.register;
  }

  /** Register by control-plane name, or by its last dotted part when that is unique (STF, simple_switch_CLI). */
  registerByName(name: string): RegisterArray | undefined {
    const exact = this.runtime.ids.register.get(name);
    if (exact !== undefined) return this.register(exact);
    const matches = [...this.runtime.ids.register.entries()].filter(([full]) => full.endsWith(`.${name}`));
    return matches.length === 1 ? this.register(matches[0][1]) : undefined;
  }

  /** Replaces the members of a parser value set; false for an unknown id. */
  writeValueSet(valueSetId: number, members: FieldMatch[][]): boolean {
    const index = this.runtime.valueSetIdToIndex.get(valueSetId);
    if (index === undefined) return false;
    this.runtime.valueSets[index] = members;
    return true;
  }

  valueSetMembers(valueSetId: number): FieldMatch[][] {
    const index = this.runtime.valueSetIdToIndex.get(valueSetId);
    return index === undefined ? [] : this.runtime.valueSets[index];
  }

  /**
   * Parameters of the crc16_custom / crc32_custom hash algorithms (BMv2
   * simple_switch_CLI set_crc16_parameters / set_crc32_parameters); undefined
   * restores BMv2's defaults (CRC-16/ARC, CRC-32).
   */
  setCrcParameters(algorithm: 'crc16_custom' | 'crc32_custom', config: CrcConfig | undefined): void {
    this.runtime.setCrcParameters(algorithm, config);
  }

  /** Action id (P4Info) by control-plane name. */
  actionId(name: string): number | undefined {
    return this.runtime.ids.action.get(name);
  }
}
