// StfTarget over the embedded switch (src/sim/switch.ts), driven in-process:
// STF names are resolved against P4Info (resolve.ts), then written as the same
// canonical entries the P4Runtime server writes (entries.ts). The switch is
// seen through the small structural interface below, so the adapter depends on
// the methods it calls; `createSwitchStfTarget` loads a real Switch.
//
// The STF vectors treat every port, 255 included, as an ordinary port (as
// bmv2stf.py starts BMv2 without --cpu-port): pick a CPU port the file does not use.

import { fail, ok, type Result } from '../../packet/bytes.js';
import type {
  ActionInvocation,
  CloneSessionEntry,
  CounterData,
  FieldMatch,
  MulticastGroupEntry,
  TableEntryState,
} from '../entries.js';
import { findTable, resolveAction, resolveCounter, resolveMatch, type P4InfoView } from './resolve.js';
import { toP4InfoView } from './p4info-view.js';
import type { StfActionArgument, StfCloneDestination, StfCounterCell, StfCounterValue, StfOutputPacket, StfReplica, StfTarget } from './target.js';
import type { StfKey } from './ast.js';
import type { IrProgram } from '../../p4c/ir.js';
import { Switch } from '../switch.js';

type WriteResult = { ok: true } | { ok: false; error: { message: string } };

interface StfTable {
  insert(entry: TableEntryState): WriteResult;
  delete(match: readonly FieldMatch[], priority: number): WriteResult;
  get(match: readonly FieldMatch[], priority: number): TableEntryState | undefined;
  setDefaultAction(action: ActionInvocation): WriteResult;
  clear(): void;
}

/** What the adapter needs of the embedded switch (src/sim/switch.ts Switch satisfies it). */
export interface StfSwitch {
  table(tableId: number): StfTable | undefined;
  readonly pre: {
    multicastGroup(groupId: number): MulticastGroupEntry | undefined;
    writeMulticastGroup(kind: 'insert' | 'modify', entry: MulticastGroupEntry): WriteResult;
    cloneSession(sessionId: number): CloneSessionEntry | undefined;
    writeCloneSession(kind: 'insert' | 'modify', entry: CloneSessionEntry): WriteResult;
    deleteCloneSession(sessionId: number): WriteResult;
  };
  counter(counterId: number): { read(index: number): CounterData | undefined } | undefined;
  processPacket(port: number, bytes: Uint8Array): { port: number; bytes: Uint8Array }[];
  /** For simple_switch_CLI register commands; optional. */
  registerByName?(name: string): { readonly size: number; write(index: number, value: bigint): boolean; reset(): void } | undefined;
}

/** simple_switch_CLI commands that only display state: accepted, no effect on the run. */
const DISPLAY_ONLY = new Set(['mirroring_get', 'register_read', 'counter_read', 'meter_get_rates']);

function cliNumber(text: string | undefined): bigint | undefined {
  if (text === undefined || !/^(0x[0-9a-f]+|0b[01]+|\d+)$/i.test(text)) return undefined;
  return BigInt(text);
}

function written(result: WriteResult): Result<void> {
  return result.ok ? ok(undefined) : fail(result.error.message);
}

export class SwitchStfTarget implements StfTarget {
  private outputs: StfOutputPacket[] = [];
  /** Clone sessions made with mirroring_add_mc, by session id: the multicast group they copy to. */
  private readonly cloneGroups = new Map<number, number>();

  constructor(
    private readonly device: StfSwitch,
    private readonly p4info: P4InfoView,
  ) {}

  private tableOf(tableId: number): Result<StfTable> {
    const table = this.device.table(tableId);
    return table ? ok(table) : fail(`the switch has no table with id ${tableId}`);
  }

  addEntry(table: string, keys: StfKey[], action: string, args: StfActionArgument[], priority?: number): Result<void> {
    const match = resolveMatch(this.p4info, table, keys, priority);
    if (!match.ok) return match;
    const invocation = resolveAction(this.p4info, table, action, args);
    if (!invocation.ok) return invocation;
    const target = this.tableOf(match.value.tableId);
    if (!target.ok) return target;
    return written(
      target.value.insert({
        tableId: match.value.tableId,
        match: match.value.match,
        priority: match.value.priority,
        action: { kind: 'action', action: invocation.value },
        controllerMetadata: 0n,
        metadata: new Uint8Array(0),
        idleTimeoutNs: 0n,
        counter: { byteCount: 0n, packetCount: 0n },
        lastHitNs: 0n,
        isConst: false,
      }),
    );
  }

  /** simple_switch_CLI pass-through: register_write NAME INDEX VALUE, register_reset NAME, display-only commands. */
  direct(command: string, args: string[]): Result<void> {
    if (DISPLAY_ONLY.has(command)) return ok(undefined);
    if (command === 'register_write' || command === 'register_reset') {
      const register = this.device.registerByName?.(args[0] ?? '');
      if (!register) return fail(`${command}: no register "${args[0] ?? ''}"`);
      if (command === 'register_reset') {
        if (args.length !== 1) return fail('register_reset takes NAME');
        register.reset();
        return ok(undefined);
      }
      const index = cliNumber(args[1]);
      const value = cliNumber(args[2]);
      if (args.length !== 3 || index === undefined || value === undefined) return fail('register_write takes NAME INDEX VALUE');
      return index < BigInt(register.size) && register.write(Number(index), value) ? ok(undefined) : fail(`register_write: index ${index} out of range`);
    }
    return fail(`${command} is not supported by the embedded switch`);
  }

  setDefault(table: string, action: string, args: StfActionArgument[]): Result<void> {
    const found = findTable(this.p4info, table);
    if (!found.ok) return found;
    const invocation = resolveAction(this.p4info, table, action, args);
    if (!invocation.ok) return invocation;
    const target = this.tableOf(found.value.preamble.id);
    return target.ok ? written(target.value.setDefaultAction(invocation.value)) : target;
  }

  removeEntry(table: string, keys: StfKey[], priority?: number): Result<void> {
    const match = resolveMatch(this.p4info, table, keys, priority);
    if (!match.ok) return match;
    const target = this.tableOf(match.value.tableId);
    return target.ok ? written(target.value.delete(match.value.match, match.value.priority)) : target;
  }

  removeAllEntries(): Result<void> {
    for (const table of this.p4info.tables) this.device.table(table.preamble.id)?.clear();
    return ok(undefined);
  }

  packetIn(port: number, data: Uint8Array): void {
    for (const output of this.device.processPacket(port, data)) this.outputs.push({ port: output.port, data: output.bytes });
  }

  collectOutputs(): StfOutputPacket[] {
    return this.outputs.splice(0);
  }

  writeMulticastGroup(groupId: number, replicas: StfReplica[]): Result<void> {
    const kind = this.device.pre.multicastGroup(groupId) ? 'modify' : 'insert';
    const outcome = written(this.device.pre.writeMulticastGroup(kind, { multicastGroupId: groupId, replicas, metadata: new Uint8Array(0) }));
    if (!outcome.ok) return outcome;
    // BMv2 clones to a group through the group as it is when the packet is
    // cloned; P4Runtime sessions list replicas, so sessions follow the group here.
    for (const [sessionId, cloneGroup] of this.cloneGroups) {
      if (cloneGroup !== groupId) continue;
      const refreshed = this.writeSession(sessionId, replicas);
      if (!refreshed.ok) return refreshed;
    }
    return outcome;
  }

  writeCloneSession(sessionId: number, destination: StfCloneDestination): Result<void> {
    if (destination.kind === 'port') {
      this.cloneGroups.delete(sessionId);
      return this.writeSession(sessionId, [{ egressPort: destination.port, instance: 0 }]);
    }
    // BMv2 mirroring_add_mc only records the group: a group created later still receives the copies.
    const group = this.device.pre.multicastGroup(destination.groupId);
    const outcome = this.writeSession(sessionId, group?.replicas ?? []);
    if (outcome.ok) this.cloneGroups.set(sessionId, destination.groupId);
    return outcome;
  }

  private writeSession(sessionId: number, replicas: readonly StfReplica[]): Result<void> {
    const kind = this.device.pre.cloneSession(sessionId) ? 'modify' : 'insert';
    return written(this.device.pre.writeCloneSession(kind, { sessionId, replicas: [...replicas], classOfService: 0, packetLengthBytes: 0 }));
  }

  deleteCloneSession(sessionId: number): Result<void> {
    this.cloneGroups.delete(sessionId);
    return written(this.device.pre.deleteCloneSession(sessionId));
  }

  readCounter(counter: string, cell: StfCounterCell): Result<StfCounterValue> {
    const resolved = resolveCounter(this.p4info, counter);
    if (!resolved.ok) return resolved;
    if (resolved.value.kind === 'indirect') {
      if (cell.kind !== 'index') return fail(`counter ${counter} is indexed, not per entry`);
      if (cell.index > BigInt(Number.MAX_SAFE_INTEGER)) return fail(`index ${cell.index} out of range`);
      const data = this.device.counter(resolved.value.id)?.read(Number(cell.index));
      return data ? ok({ packets: data.packetCount, bytes: data.byteCount }) : fail(`index ${cell.index} out of range for ${counter}`);
    }
    if (cell.kind !== 'entry') return fail(`counter ${counter} is a direct counter: name an entry handle`);
    const match = resolveMatch(this.p4info, cell.table, cell.keys, cell.priority);
    if (!match.ok) return match;
    if (match.value.tableId !== resolved.value.tableId) return fail(`counter ${counter} does not belong to table ${cell.table}`);
    const entry = this.device.table(match.value.tableId)?.get(match.value.match, match.value.priority);
    return entry ? ok({ packets: entry.counter.packetCount, bytes: entry.counter.byteCount }) : fail(`no such entry in ${cell.table}`);
  }
}

export interface SwitchStfTargetOptions {
  /** CPU port of the switch; default 510 (simple_switch_grpc's), which no vector uses. */
  cpuPort?: number;
}

export type CreatedSwitchStfTarget = { ok: true; target: SwitchStfTarget; device: Switch } | { ok: false; error: string };

/** A fresh switch running `program` with an STF target over it; P4Info problems and unsupported programs are values. */
export function createSwitchStfTarget(program: IrProgram, p4info: Record<string, unknown>, options: SwitchStfTargetOptions = {}): CreatedSwitchStfTarget {
  const view = toP4InfoView(p4info);
  if (!view.ok) return { ok: false, error: view.error };
  // A fixed clock: STF runs must not depend on when they ran.
  const created = Switch.create(program, { p4info, cpuPort: options.cpuPort ?? 510, clock: () => 0n });
  if (!created.ok) return { ok: false, error: created.problems.join('; ') };
  return { ok: true, target: new SwitchStfTarget(created.switch, view.value), device: created.switch };
}
