// A P4Info exercising every entity kind, plus helpers to run the server with
// the in-memory target over real gRPC on an ephemeral port.

import type { TableEntryState } from '../../src/sim/entries.js';
import type { P4InfoIndex } from '../../src/p4rt/p4info-index.js';
import { P4RuntimeClient } from '../../src/p4rt/client/client.js';
import { MemoryTarget, type MemoryTargetOptions } from '../../src/p4rt/server/memory-target.js';
import { startP4RuntimeServer, type RunningServer } from '../../src/p4rt/server/server.js';
import type { UpdateMessage } from '../../src/p4rt/server/messages.js';

export const ids = {
  noAction: 0x01000001, setPort: 0x01000002, drop: 0x01000003, setNhop: 0x01000004,
  exact: 0x02000001, lpm: 0x02000002, ternary: 0x02000003, constTable: 0x02000004, selectorTable: 0x02000005,
  profileTable: 0x02000006, keyless: 0x02000007, small: 0x02000008,
  selector: 0x11000001, profile: 0x11000002, counter: 0x12000001, directCounter: 0x13000001, meter: 0x14000001,
  directMeter: 0x15000001, register: 0x16000001, digest: 0x17000001, valueSet: 0x03000001,
  packetIn: 0x04000001, packetOut: 0x04000002,
};

const preamble = (id: number, name: string) => ({ id, name, alias: name.split('.').pop() });
const exactField = (id: number, name: string, bitwidth: number) => ({ id, name, bitwidth, match_type: 'EXACT' });

export const p4info = {
  pkg_info: { arch: 'v1model' },
  tables: [
    {
      preamble: preamble(ids.exact, 'ingress.exact_table'),
      match_fields: [exactField(1, 'hdr.ethernet.dst', 48), exactField(2, 'standard_metadata.ingress_port', 9)],
      action_refs: [{ id: ids.setPort }, { id: ids.drop }, { id: ids.noAction, scope: 'DEFAULT_ONLY' }],
      direct_resource_ids: [ids.directCounter, ids.directMeter],
      size: '4096',
      idle_timeout_behavior: 'NOTIFY_CONTROL',
    },
    {
      preamble: preamble(ids.lpm, 'ingress.lpm_table'),
      match_fields: [{ id: 1, name: 'hdr.ipv4.dst', bitwidth: 32, match_type: 'LPM' }],
      action_refs: [{ id: ids.setPort, scope: 'TABLE_ONLY' }, { id: ids.drop }, { id: ids.noAction }],
      size: '1000000',
    },
    {
      preamble: preamble(ids.ternary, 'ingress.ternary_table'),
      match_fields: [
        { id: 1, name: 'hdr.ethernet.type', bitwidth: 16, match_type: 'TERNARY' },
        { id: 2, name: 'hdr.tcp.dport', bitwidth: 16, match_type: 'RANGE' },
        { id: 3, name: 'hdr.ipv4.protocol', bitwidth: 8, match_type: 'OPTIONAL' },
      ],
      action_refs: [{ id: ids.drop }, { id: ids.noAction }],
      size: '1024',
    },
    {
      preamble: preamble(ids.constTable, 'ingress.const_table'),
      match_fields: [exactField(1, 'hdr.ipv4.protocol', 8)],
      action_refs: [{ id: ids.drop }, { id: ids.noAction }],
      const_default_action_id: ids.drop,
      is_const_table: true,
      has_initial_entries: true,
      size: '16',
    },
    {
      preamble: preamble(ids.selectorTable, 'ingress.selector_table'),
      match_fields: [exactField(1, 'hdr.ipv4.protocol', 8)],
      action_refs: [{ id: ids.setNhop }, { id: ids.noAction }],
      implementation_id: ids.selector,
      size: '1024',
    },
    {
      preamble: preamble(ids.profileTable, 'ingress.profile_table'),
      match_fields: [exactField(1, 'hdr.ipv4.protocol', 8)],
      action_refs: [{ id: ids.setNhop }, { id: ids.noAction }],
      implementation_id: ids.profile,
      size: '1024',
    },
    {
      preamble: preamble(ids.small, 'ingress.small'),
      match_fields: [exactField(1, 'hdr.ipv4.ttl', 8)],
      action_refs: [{ id: ids.drop }, { id: ids.noAction }],
      size: '2',
    },
    {
      preamble: preamble(ids.keyless, 'ingress.keyless'),
      action_refs: [{ id: ids.drop }, { id: ids.noAction }],
      size: '1',
    },
  ],
  actions: [
    { preamble: preamble(ids.noAction, 'NoAction') },
    { preamble: preamble(ids.setPort, 'ingress.set_port'), params: [{ id: 1, name: 'port', bitwidth: 9 }] },
    { preamble: preamble(ids.drop, 'ingress.drop') },
    {
      preamble: preamble(ids.setNhop, 'ingress.set_nhop'),
      params: [{ id: 1, name: 'port', bitwidth: 9 }, { id: 2, name: 'mac', bitwidth: 48 }],
    },
  ],
  action_profiles: [
    { preamble: preamble(ids.selector, 'ingress.selector'), table_ids: [ids.selectorTable], with_selector: true, size: '128', max_group_size: 8 },
    { preamble: preamble(ids.profile, 'ingress.profile'), table_ids: [ids.profileTable], size: '4' },
  ],
  counters: [{ preamble: preamble(ids.counter, 'ingress.port_counter'), spec: { unit: 'BOTH' }, size: '16' }],
  direct_counters: [{ preamble: preamble(ids.directCounter, 'ingress.exact_counter'), spec: { unit: 'BOTH' }, direct_table_id: ids.exact }],
  meters: [{ preamble: preamble(ids.meter, 'ingress.port_meter'), spec: { unit: 'BYTES' }, size: '8' }],
  direct_meters: [{ preamble: preamble(ids.directMeter, 'ingress.exact_meter'), spec: { unit: 'BYTES' }, direct_table_id: ids.exact }],
  controller_packet_metadata: [
    { preamble: preamble(ids.packetIn, 'packet_in'), metadata: [{ id: 1, name: 'ingress_port', bitwidth: 9 }] },
    { preamble: preamble(ids.packetOut, 'packet_out'), metadata: [{ id: 1, name: 'egress_port', bitwidth: 9 }] },
  ],
  value_sets: [{ preamble: preamble(ids.valueSet, 'parser.ethertypes'), match: [exactField(1, 'type', 16)], size: 4 }],
  registers: [{ preamble: preamble(ids.register, 'ingress.flows'), type_spec: { bitstring: { bit: { bitwidth: 32 } } }, size: 4 }],
  digests: [{ preamble: preamble(ids.digest, 'learn_t'), type_spec: { struct: { name: 'learn_t' } } }],
};

/** The const table's program entry (what a real target loads from `const entries`). */
export function constEntries(index: P4InfoIndex): TableEntryState[] {
  if (!index.tables.has(ids.constTable)) return [];
  return [{
    tableId: ids.constTable, match: [{ kind: 'exact', value: 6n }], priority: 0,
    action: { kind: 'action', action: { actionId: ids.drop, params: [] } },
    controllerMetadata: 0n, metadata: new Uint8Array(0), idleTimeoutNs: 0n,
    counter: { byteCount: 0n, packetCount: 0n }, lastHitNs: 0n, isConst: true,
  }];
}

export const bytes = (...values: number[]) => Uint8Array.from(values);

export interface Harness {
  server: RunningServer;
  target: MemoryTarget;
  address: string;
  clients: P4RuntimeClient[];
  /** A client already primary (election id 10) with the fixture pipeline committed. */
  primary: P4RuntimeClient;
  client(electionId?: bigint): P4RuntimeClient;
  close(): Promise<void>;
}

export async function startHarness(options: MemoryTargetOptions & { commit?: boolean } = {}): Promise<Harness> {
  const target = new MemoryTarget({ initialEntries: constEntries, ...options });
  const server = await startP4RuntimeServer({ target, address: '127.0.0.1:0', idleScanIntervalMs: 0 });
  const address = `127.0.0.1:${server.port}`;
  const clients: P4RuntimeClient[] = [];
  const client = (electionId?: bigint) => {
    const created = new P4RuntimeClient(address, { electionId });
    clients.push(created);
    return created;
  };
  const primary = client(10n);
  const arbitration = await primary.arbitrate();
  if (!arbitration.ok) throw new Error(`fixture primary: ${arbitration.message}`);
  if (options.commit !== false) {
    const set = await primary.setPipeline(p4info);
    if (!set.ok) throw new Error(`fixture pipeline: ${set.message}`);
  }
  return {
    server, target, address, clients, primary, client,
    async close() {
      for (const item of clients) item.close();
      await server.stop();
    },
  };
}

/** INSERT of an exact_table entry: dst MAC, ingress port → set_port(port). */
export function exactInsert(dst: number, ingressPort: number, port: number, type: UpdateMessage['type'] = 'INSERT'): UpdateMessage {
  return {
    type,
    entity: {
      table_entry: {
        table_id: ids.exact,
        match: [
          { field_id: 1, exact: { value: bytes(dst) } },
          { field_id: 2, exact: { value: bytes(ingressPort) } },
        ],
        action: { action: { action_id: ids.setPort, params: [{ param_id: 1, value: bytes(port) }] } },
      },
    },
  };
}
