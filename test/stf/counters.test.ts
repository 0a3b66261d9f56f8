// The counters the issue asks for — per tunnel, per label, per P2MP branch, per
// drop reason, per port — are P4Runtime-readable objects of softmesh.p4's
// P4Info: indexed counters (CounterEntry) sized for every port and DROP_*
// reason, and direct counters (DirectCounterEntry) attached to the right
// tables. The vectors read their values (check_counter in decap_gre.stf,
// mpls_lsr.stf, p2mp_branch.stf, p2mp_bud.stf and the drop checks); this file
// pins the control-plane contract the agent reads them through.

import { beforeAll, describe, expect, it } from 'vitest';
import { Diagnostics } from '../../src/p4c/diagnostics.js';
import { compileFile } from '../../src/p4c/index.js';
import { emitP4Info } from '../../src/p4c/p4info/index.js';

interface Preamble {
  id: number;
  name: string;
  alias?: string;
}

interface P4InfoSubset {
  tables: { preamble: Preamble; direct_resource_ids?: number[] }[];
  counters: { preamble: Preamble; spec: { unit: string }; size: number | string }[];
  direct_counters: { preamble: Preamble; spec: { unit: string }; direct_table_id: number }[];
}

const program = new URL('../../p4/v1model/softmesh.p4', import.meta.url).pathname;
let p4info: P4InfoSubset;

beforeAll(() => {
  const compiled = compileFile(program);
  if (!compiled.ir) throw new Error(compiled.diagnostics.map((diagnostic) => diagnostic.message).join('\n'));
  const diagnostics = new Diagnostics();
  p4info = emitP4Info(compiled.ir, diagnostics) as unknown as P4InfoSubset;
  if (diagnostics.hasErrors()) throw new Error(diagnostics.items.map((diagnostic) => diagnostic.message).join('\n'));
});

const alias = (preamble: Preamble) => preamble.alias ?? preamble.name.split('.').pop();

describe('softmesh.p4 counters readable over P4Runtime', () => {
  it('has indexed per-port and per-drop-reason counters in packets and bytes', () => {
    const indexed = Object.fromEntries(p4info.counters.map((counter) => [alias(counter.preamble), counter]));
    for (const name of ['port_rx_counter', 'port_tx_counter']) {
      expect(indexed[name]?.spec.unit, name).toBe('BOTH');
      expect(Number(indexed[name]?.size), name).toBeGreaterThanOrEqual(512); // every 9-bit port
    }
    for (const name of ['ingress_drop_counter', 'egress_drop_counter']) {
      expect(indexed[name]?.spec.unit, name).toBe('BOTH');
      expect(Number(indexed[name]?.size), name).toBeGreaterThan(18); // DROP_* runs 1..18
    }
  });

  it.each([
    ['softwire_counter', 'softwires'], // per tunnel, send side
    ['decap_ipv4_counter', 'decap_ipv4_sources'], // per tunnel, receive side
    ['decap_ipv6_counter', 'decap_ipv6_sources'],
    ['top_label_counter', 'mpls_top_label'], // per label
    ['second_label_counter', 'mpls_second_label'],
    ['replica_counter', 'p2mp_replicas'], // per P2MP branch (port, instance)
  ])('direct counter %s counts entries of %s', (counterName, tableName) => {
    const counter = p4info.direct_counters.find((candidate) => alias(candidate.preamble) === counterName);
    const table = p4info.tables.find((candidate) => alias(candidate.preamble) === tableName);
    expect(counter, counterName).toBeDefined();
    expect(table, tableName).toBeDefined();
    expect(counter!.spec.unit).toBe('BOTH');
    expect(counter!.direct_table_id).toBe(table!.preamble.id);
    expect(table!.direct_resource_ids).toContain(counter!.preamble.id);
  });
});
