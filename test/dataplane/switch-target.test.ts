// The STF switch target (src/sim/stf/switch-target.ts) on a small v1model
// program exercising what softmesh.p4's vectors do not: removal, default
// actions, `remove all`, clone sessions to a port and to a multicast group
// (following later changes of the group), direct counters read through an
// `= HANDLE` entry, and control-plane rejections as values.

import { describe, expect, it } from 'vitest';
import { Diagnostics } from '../../src/p4c/diagnostics.js';
import { compileSources } from '../../src/p4c/index.js';
import { emitP4Info } from '../../src/p4c/p4info/index.js';
import { runStf } from '../../src/sim/stf/runner.js';
import { createSwitchStfTarget } from '../../src/sim/stf/switch-target.js';

const PROGRAM = `#include <core.p4>
#include <v1model.p4>
header ethernet_t { bit<48> dst; bit<48> src; bit<16> type; }
struct headers { ethernet_t ethernet; }
struct metadata { }
parser P(packet_in packet, out headers hdr, inout metadata meta, inout standard_metadata_t sm) {
  state start { packet.extract(hdr.ethernet); transition accept; }
}
control V(inout headers hdr, inout metadata meta) { apply { } }
control I(inout headers hdr, inout metadata meta, inout standard_metadata_t sm) {
  direct_counter(CounterType.packets_and_bytes) forward_counter;
  counter(8, CounterType.packets_and_bytes) by_type;
  action forward(bit<9> port) { sm.egress_spec = port; }
  action flood(bit<16> group) { sm.mcast_grp = group; }
  action mirror(bit<9> port, bit<32> session) { sm.egress_spec = port; clone(CloneType.I2E, session); }
  action drop() { mark_to_drop(sm); }
  table by_dst {
    key = { hdr.ethernet.dst: exact; }
    actions = { forward; flood; mirror; drop; }
    default_action = drop();
    counters = forward_counter;
  }
  table other { key = { hdr.ethernet.src: exact; } actions = { drop; } }
  apply { by_type.count((bit<32>) hdr.ethernet.type[2:0]); by_dst.apply(); other.apply(); }
}
control E(inout headers hdr, inout metadata meta, inout standard_metadata_t sm) {
  // Marks copies so the expectations tell them apart: clones 0xC1, replicas their rid.
  apply {
    if (sm.instance_type == 1) { hdr.ethernet.src = 0xc1; }
    else if (sm.egress_rid != 0) { hdr.ethernet.src = (bit<48>) sm.egress_rid; }
  }
}
control C(inout headers hdr, inout metadata meta) { apply { } }
control D(packet_out packet, in headers hdr) { apply { packet.emit(hdr.ethernet); } }
V1Switch(P(), V(), I(), E(), C(), D()) main;
`;

function target() {
  const compiled = compileSources({ 'program.p4': PROGRAM }, 'program.p4');
  if (!compiled.ir) throw new Error(compiled.diagnostics.map((diagnostic) => diagnostic.message).join('\n'));
  const p4info = emitP4Info(compiled.ir, new Diagnostics()) as Record<string, unknown>;
  const created = createSwitchStfTarget(compiled.ir, p4info);
  if (!created.ok) throw new Error(created.error);
  return created.target;
}

// dst 00..0N, src 00..AA, type 080N, payload ABCD; outputs with src rewritten.
const frame = (dst: number, src = '0000000000AA') => `00000000000${dst} ${src} 080${dst} ABCD`;

const SCRIPT = `
add by_dst hdr.ethernet.dst:0x000000000001 forward(port:1) = toOne
add by_dst hdr.ethernet.dst:0x000000000002 flood(group:7) = toGroup
add by_dst hdr.ethernet.dst:0x000000000003 mirror(port:2, session:5)
mc_mgrp_create 7
mc_node_create 10 3 4
mc_node_associate 7 0
mirroring_add 5 6

packet 0 ${frame(1)}
expect 1 ${frame(1)}$
packet 0 ${frame(2)}
expect 3 ${frame(2, '00000000000A')}$
expect 4 ${frame(2, '00000000000A')}$
packet 0 ${frame(3)}
expect 2 ${frame(3)}$
expect 6 ${frame(3, '0000000000C1')}$
check_counter forward_counter(toOne) packets == 1
check_counter forward_counter(toOne) bytes == 16
check_counter forward_counter(toGroup) packets == 1
check_counter by_type(2) packets == 1
check_counter by_type(5) packets == 0

# the session now copies to group 7, and follows the group when it changes
mirroring_add_mc 5 7
packet 0 ${frame(3)}
expect 2 ${frame(3)}$
expect 3 ${frame(3, '0000000000C1')}$
expect 4 ${frame(3, '0000000000C1')}$
mc_node_update 0 4
packet 0 ${frame(3)}
expect 2 ${frame(3)}$
expect 4 ${frame(3, '0000000000C1')}$
packet 0 ${frame(2)}
expect 4 ${frame(2, '00000000000A')}$
mirroring_delete 5
packet 0 ${frame(3)}
expect 2 ${frame(3)}$

remove by_dst hdr.ethernet.dst:0x000000000001
packet 0 ${frame(1)}
no_packet
setdefault by_dst forward(port:9)
packet 0 ${frame(1)}
expect 9 ${frame(1)}$
remove all
packet 0 ${frame(2)}
expect 9 ${frame(2)}$
`;

describe('SwitchStfTarget', () => {
  it('runs add/remove/setdefault/remove all, multicast, clones and counters', async () => {
    const report = await runStf(SCRIPT, target());
    expect(report.failures, report.text).toEqual([]);
    expect(report.passed).toBe(20);
  });

  it('counts a direct counter per entry, not per table', async () => {
    const report = await runStf(`add by_dst hdr.ethernet.dst:0x000000000001 forward(port:1) = a
add by_dst hdr.ethernet.dst:0x000000000002 forward(port:2) = b
packet 0 ${frame(1)}
packet 0 ${frame(1)}
expect 1 ${frame(1)}
expect 1 ${frame(1)}
check_counter forward_counter(a) packets == 2
check_counter forward_counter(b) packets == 0
check_counter forward_counter(b) packets == 1
`, target());
    expect(report.failures.map((failure) => failure.message)).toEqual(['check_counter forward_counter: packets is 0, expected == 1']);
  });

  it('clones to a multicast group created after the session', async () => {
    const report = await runStf(`add by_dst hdr.ethernet.dst:0x000000000003 mirror(port:2, session:5)
mirroring_add_mc 5 9
packet 0 ${frame(3)}
mc_mgrp_create 9
mc_node_create 0 7
mc_node_associate 9 0
packet 0 ${frame(3)}
expect 2 ${frame(3)}$
expect 2 ${frame(3)}$
expect 7 ${frame(3, '0000000000C1')}$
`, target());
    expect(report.failures, report.text).toEqual([]);
    expect(report.passed).toBe(3);
  });

  it('returns rejections as values', async () => {
    const switchTarget = target();
    const number = (text: string) => ({ text, value: BigInt(text), writtenBits: 0 });
    const key = (value: string) => [{ field: 'hdr.ethernet.dst', match: { kind: 'number' as const, number: number(value) } }];
    expect(switchTarget.addEntry('no_such_table', [], 'drop', [])).toMatchObject({ ok: false, error: expect.stringContaining('no table named') });
    expect(switchTarget.addEntry('by_dst', key('1'), 'forward', [{ name: 'port', value: number('1') }])).toEqual({ ok: true, value: undefined });
    expect(switchTarget.addEntry('by_dst', key('1'), 'drop', [])).toMatchObject({ ok: false, error: expect.stringContaining('exists') });
    expect(switchTarget.removeEntry('by_dst', key('2'))).toMatchObject({ ok: false });
    expect(switchTarget.deleteCloneSession(1)).toMatchObject({ ok: false });
    expect(switchTarget.writeMulticastGroup(0, [])).toMatchObject({ ok: false, error: expect.stringContaining('reserved') });
    expect(switchTarget.readCounter('by_type', { kind: 'index', index: 8n })).toMatchObject({ ok: false, error: expect.stringContaining('out of range') });
    expect(switchTarget.readCounter('by_type', { kind: 'entry', table: 'by_dst', keys: key('1') })).toMatchObject({ ok: false });
    expect(switchTarget.readCounter('forward_counter', { kind: 'index', index: 0n })).toMatchObject({ ok: false, error: expect.stringContaining('direct counter') });
    expect(switchTarget.readCounter('forward_counter', { kind: 'entry', table: 'other', keys: [] })).toMatchObject({ ok: false, error: expect.stringContaining('does not belong') });
    expect(switchTarget.readCounter('forward_counter', { kind: 'entry', table: 'by_dst', keys: key('3') })).toMatchObject({ ok: false, error: expect.stringContaining('no such entry') });
    expect(switchTarget.readCounter('forward_counter', { kind: 'entry', table: 'by_dst', keys: key('1') })).toEqual({ ok: true, value: { packets: 0n, bytes: 0n } });
  });
});
