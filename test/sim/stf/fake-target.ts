// A small fake switch for the STF runner tests: an exact `forward` table on the
// Ethernet destination, a ternary `acl` on the IPv4 destination, multicast,
// one clone session, an indirect per-ingress-port counter and a direct counter.
// Names are resolved through resolve.ts against the P4Info below, so the tests
// also exercise the name resolution the real switch adapter uses.

import { fail, ok, type Result } from '../../../src/packet/bytes.js';
import type { FieldMatch } from '../../../src/sim/entries.js';
import {
  resolveAction,
  resolveCounter,
  resolveMatch,
  type P4InfoView,
  type StfActionArgument,
  type StfCloneDestination,
  type StfCounterCell,
  type StfCounterValue,
  type StfKey,
  type StfOutputPacket,
  type StfReplica,
  type StfTarget,
} from '../../../src/sim/stf/index.js';

export const p4info: P4InfoView = {
  tables: [
    {
      preamble: { id: 1, name: 'MyIngress.forward', alias: 'forward' },
      matchFields: [{ id: 1, name: 'hdr.ethernet.dstAddr', bitwidth: 48, matchType: 'EXACT' }],
      actionRefs: [{ id: 10 }, { id: 11 }, { id: 12 }, { id: 13 }],
    },
    {
      preamble: { id: 2, name: 'MyIngress.acl', alias: 'acl' },
      matchFields: [
        { id: 1, name: 'hdr.ipv4.dstAddr', bitwidth: 32, matchType: 4 },
        { id: 2, name: 'hdr.ipv4.isValid()', bitwidth: 1, matchType: 2 },
      ],
      actionRefs: [{ id: 11 }, { id: 13 }],
    },
    {
      preamble: { id: 3, name: 'MyIngress.ipv4_lpm' },
      matchFields: [{ id: 1, name: 'hdr.ipv4.dstAddr', bitwidth: 32, matchType: 'LPM' }],
      actionRefs: [{ id: 10 }, { id: 13 }],
    },
    {
      preamble: { id: 4, name: 'MyEgress.lpm' },
      matchFields: [{ id: 1, name: 'meta.ports[0]', bitwidth: 16, matchType: 'RANGE' }],
      actionRefs: [{ id: 13 }],
    },
  ],
  actions: [
    { preamble: { id: 10, name: 'MyIngress.set_port', alias: 'set_port' }, params: [{ id: 1, name: 'port', bitwidth: 9 }] },
    { preamble: { id: 11, name: 'MyIngress.drop', alias: 'drop' }, params: [] },
    { preamble: { id: 12, name: 'MyIngress.multicast', alias: 'multicast' }, params: [{ id: 1, name: 'group', bitwidth: 16 }] },
    { preamble: { id: 13, name: 'NoAction' }, params: [] },
  ],
  counters: [{ preamble: { id: 20, name: 'MyIngress.port_counter' }, size: 512 }],
  directCounters: [{ preamble: { id: 21, name: 'MyIngress.forward_counter' }, directTableId: 1 }],
};

interface Entry {
  tableId: number;
  match: FieldMatch[];
  priority: number;
  actionId: number;
  params: bigint[];
  packets: bigint;
  bytes: bigint;
}

function matches(field: FieldMatch, value: bigint): boolean {
  switch (field.kind) {
    case 'exact':
    case 'optional':
      return field.value === value;
    case 'ternary':
      return (value & field.mask) === field.value;
    case 'lpm':
      return value >> BigInt(32 - field.prefixLen) === field.value >> BigInt(32 - field.prefixLen);
    case 'range':
      return field.low <= value && value <= field.high;
    case 'wildcard':
      return true;
  }
}

function bigintOf(bytes: Uint8Array): bigint {
  let value = 0n;
  for (const byte of bytes) value = (value << 8n) | BigInt(byte);
  return value;
}

export class FakeTarget implements StfTarget {
  entries: Entry[] = [];
  defaults = new Map<number, { actionId: number; params: bigint[] }>();
  groups = new Map<number, StfReplica[]>();
  clones = new Map<number, StfCloneDestination>();
  portCounter = new Map<bigint, StfCounterValue>();
  outputs: StfOutputPacket[] = [];
  log: string[] = [];

  addEntry(table: string, keys: StfKey[], action: string, args: StfActionArgument[], priority?: number): Result<void> {
    const match = resolveMatch(p4info, table, keys, priority);
    if (!match.ok) return match;
    const invocation = resolveAction(p4info, table, action, args);
    if (!invocation.ok) return invocation;
    const duplicate = this.entries.find((entry) => entry.tableId === match.value.tableId && JSON.stringify(entry.match, (_, v) => (typeof v === 'bigint' ? `${v}` : v)) === JSON.stringify(match.value.match, (_, v) => (typeof v === 'bigint' ? `${v}` : v)) && entry.priority === match.value.priority);
    if (duplicate) return fail('entry already exists');
    this.entries.push({ ...match.value, ...invocation.value, packets: 0n, bytes: 0n });
    return ok(undefined);
  }

  setDefault(table: string, action: string, args: StfActionArgument[]): Result<void> {
    const match = resolveMatch(p4info, table, [], undefined);
    const invocation = resolveAction(p4info, table, action, args);
    if (!match.ok) return match;
    if (!invocation.ok) return invocation;
    this.defaults.set(match.value.tableId, invocation.value);
    return ok(undefined);
  }

  private find(table: string, keys: StfKey[], priority?: number): Result<number> {
    const match = resolveMatch(p4info, table, keys, priority);
    if (!match.ok) return match;
    const text = (value: unknown) => JSON.stringify(value, (_, v) => (typeof v === 'bigint' ? `${v}` : v));
    const index = this.entries.findIndex((entry) => entry.tableId === match.value.tableId && text(entry.match) === text(match.value.match));
    return index < 0 ? fail('no such entry') : ok(index);
  }

  removeEntry(table: string, keys: StfKey[], priority?: number): Result<void> {
    const index = this.find(table, keys, priority);
    if (!index.ok) return index;
    this.entries.splice(index.value, 1);
    return ok(undefined);
  }

  removeAllEntries(): Result<void> {
    this.entries = [];
    return ok(undefined);
  }

  private lookup(tableId: number, values: bigint[]): { actionId: number; params: bigint[]; entry?: Entry } {
    const hits = this.entries
      .filter((entry) => entry.tableId === tableId && entry.match.every((field, index) => matches(field, values[index])))
      .sort((left, right) => right.priority - left.priority);
    if (hits.length > 0) return { ...hits[0], entry: hits[0] };
    return this.defaults.get(tableId) ?? { actionId: 13, params: [] };
  }

  async packetIn(port: number, data: Uint8Array): Promise<void> {
    await Promise.resolve(); // the runner must cope with asynchronous targets
    const counter = this.portCounter.get(BigInt(port)) ?? { packets: 0n, bytes: 0n };
    this.portCounter.set(BigInt(port), { packets: counter.packets + 1n, bytes: counter.bytes + BigInt(data.length) });
    const isIpv4 = data.length >= 34 && data[12] === 0x08 && data[13] === 0x00;
    const acl = this.lookup(2, [isIpv4 ? bigintOf(data.subarray(30, 34)) : 0n, isIpv4 ? 1n : 0n]);
    if (acl.actionId === 11) return;
    const forward = this.lookup(1, [bigintOf(data.subarray(0, 6))]);
    if (forward.entry) {
      forward.entry.packets++;
      forward.entry.bytes += BigInt(data.length);
    }
    if (data[0] === 0xcc) {
      const session = this.clones.get(1);
      if (session?.kind === 'port') this.outputs.push({ port: session.port, data });
    }
    if (forward.actionId === 10) this.outputs.push({ port: Number(forward.params[0]), data });
    if (forward.actionId === 12) for (const replica of this.groups.get(Number(forward.params[0])) ?? []) this.outputs.push({ port: replica.egressPort, data });
  }

  collectOutputs(): StfOutputPacket[] {
    return this.outputs.splice(0);
  }

  writeMulticastGroup(groupId: number, replicas: StfReplica[]): Result<void> {
    this.log.push(`group ${groupId}: ${replicas.map((replica) => `${replica.egressPort}/${replica.instance}`).join(' ')}`);
    this.groups.set(groupId, replicas);
    return ok(undefined);
  }

  writeCloneSession(sessionId: number, destination: StfCloneDestination): Result<void> {
    this.clones.set(sessionId, destination);
    return ok(undefined);
  }

  deleteCloneSession(sessionId: number): Result<void> {
    return this.clones.delete(sessionId) ? ok(undefined) : fail(`no clone session ${sessionId}`);
  }

  readCounter(counter: string, cell: StfCounterCell): Result<StfCounterValue> {
    const resolved = resolveCounter(p4info, counter);
    if (!resolved.ok) return resolved;
    if (resolved.value.kind === 'indirect') {
      if (cell.kind !== 'index') return fail('indirect counter needs an index');
      return ok(this.portCounter.get(cell.index) ?? { packets: 0n, bytes: 0n });
    }
    if (cell.kind !== 'entry') return fail('direct counter needs an entry handle');
    const index = this.find(cell.table, cell.keys, cell.priority);
    if (!index.ok) return index;
    const entry = this.entries[index.value];
    return ok({ packets: entry.packets, bytes: entry.bytes });
  }
}
