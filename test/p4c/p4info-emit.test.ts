import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Diagnostics } from '../../src/p4c/diagnostics.js';
import { emitP4Info, formatForFile, formatP4Info, hashedId, p4infoFileContents, parseP4Info } from '../../src/p4c/p4info/index.js';
import { decodeP4Info } from '../../src/p4rt/proto.js';
import { parseText } from '../../src/p4rt/textformat.js';
import {
  addAction,
  addControl,
  addInstance,
  addTable,
  annotation,
  bit,
  counterTypeArg,
  emptyProgram,
  header,
  key,
  loc,
  meterTypeArg,
  setMain,
  sizeArg,
} from './p4info-builders.js';

const noWarnUnused = annotation('noWarn', ['unused'], 'unused');

/** The IR of a v1model program whose two tables share one action selector. */
function selectorProgram() {
  const program = emptyProgram();
  addAction(program, 'empty'); // top-level and never used: not in P4Info
  const noAction = addAction(program, 'NoAction', { annotations: [noWarnUnused] });
  const ingress = addControl(program, 'IngressI');
  const egress = addControl(program, 'EgressI');
  const drop = addAction(program, 'drop', { control: ingress });
  const selector = addInstance(program, ingress, 'as', 'action_selector', [
    { name: 'algorithm', type: { kind: 'enum', name: 'HashAlgorithm', members: ['identity'], annotations: [] }, value: 0 },
    sizeArg(1024),
    { name: 'outputWidth', type: bit(32), value: 10 },
  ], { line: 8 });
  for (const [name, line] of [['indirect_ws', 10], ['indirect_ws_1', 20]] as const) {
    addTable(program, ingress, name, {
      keys: [key('meta.hash1', 'selector', 32)],
      actions: [drop, noAction],
      defaultAction: noAction,
      constDefault: true,
      implementation: selector.index,
      line,
    });
  }
  setMain(program, [ingress, egress]);
  return program;
}

// p4c's P4Info for that program (its test output, byte for byte), kept once as a golden file.
const SELECTOR_GOLDEN = readFileSync(new URL('./p4info-golden/selector.p4info.txtpb', import.meta.url), 'utf8');

/** The tutorials' basic.p4 ingress, whose P4Info ids are widely published. */
function basicProgram() {
  const program = emptyProgram();
  const noAction = addAction(program, 'NoAction', { annotations: [noWarnUnused] });
  const ingress = addControl(program, 'MyIngress');
  const drop = addAction(program, 'drop', { control: ingress });
  const forward = addAction(program, 'ipv4_forward', { control: ingress, params: [{ name: 'dstAddr', type: bit(48) }, { name: 'port', type: bit(9) }] });
  addTable(program, ingress, 'ipv4_lpm', { keys: [key('hdr.ipv4.dstAddr', 'lpm', 32)], actions: [forward, drop, noAction], defaultAction: drop, size: 1024 });
  setMain(program, [ingress]);
  return program;
}

describe('emitP4Info', () => {
  it('reproduces p4c output for a shared action selector', () => {
    const diagnostics = new Diagnostics();
    const info = emitP4Info(selectorProgram(), diagnostics, { initialDefaultAction: false }); // p4c before P4Runtime 1.4
    expect(diagnostics.items).toEqual([]);
    expect(formatP4Info(info, 'text')).toBe(SELECTOR_GOLDEN);
  });

  it('gives basic.p4 its published ids and shapes', () => {
    const diagnostics = new Diagnostics();
    const info = emitP4Info(basicProgram(), diagnostics, { initialDefaultAction: false }); // p4c before P4Runtime 1.4
    expect(diagnostics.items).toEqual([]);
    expect(info.tables).toEqual([
      {
        preamble: { id: 37375156, name: 'MyIngress.ipv4_lpm', alias: 'ipv4_lpm' },
        match_fields: [{ id: 1, name: 'hdr.ipv4.dstAddr', bitwidth: 32, match_type: 'LPM' }],
        action_refs: [{ id: 28792405 }, { id: 25652968 }, { id: 21257015 }],
        size: '1024',
      },
    ]);
    expect(info.actions?.map((action) => [action.preamble?.id, action.preamble?.name])).toEqual([
      [21257015, 'NoAction'],
      [25652968, 'MyIngress.drop'],
      [28792405, 'MyIngress.ipv4_forward'],
    ]);
    expect(info.actions?.[2].params).toEqual([
      { id: 1, name: 'dstAddr', bitwidth: 48 },
      { id: 2, name: 'port', bitwidth: 9 },
    ]);
  });

  it('applies table defaults and properties', () => {
    const program = emptyProgram();
    const noAction = addAction(program, 'NoAction');
    const ingress = addControl(program, 'c');
    const set = addAction(program, 'set', { control: ingress, params: [{ name: 'port', type: bit(9, 'PortId_t') }] });
    const counter = addInstance(program, ingress, 'hits', 'direct_counter', [counterTypeArg('packets_and_bytes')]);
    const meter = addInstance(program, ingress, 'rate', 'direct_meter', [meterTypeArg('bytes')], { typeArgs: [bit(2)] });
    const table = addTable(program, ingress, 't', {
      keys: [key('a', 'ternary', 8), key('b', 'range', 16), key('c', 'optional', 1), key('d', 'my_kind', 4)],
      actions: [set, noAction],
      defaultAction: noAction,
      size: 0,
      supportTimeout: true,
      directCounters: [counter.index],
      directMeters: [meter.index],
      entries: { isConst: true, entries: [] },
      annotations: [annotation('brief', ['the table']), annotation('description', ['long']), annotation('name', ['.t'])],
    });
    table.actions[0].scope = 'tableOnly';
    table.actions[0].annotations = [annotation('tableonly')];
    table.actions[1].scope = 'defaultOnly';
    table.actions[1].annotations = [annotation('defaultonly')];
    setMain(program, [ingress]);
    const diagnostics = new Diagnostics();
    const info = emitP4Info(program, diagnostics);
    expect(diagnostics.items).toEqual([]);
    const emitted = info.tables![0];
    expect(emitted.preamble).toEqual({ id: info.tables![0].preamble!.id, name: 'c.t', alias: 't', doc: { brief: 'the table', description: 'long' } });
    expect(emitted.size).toBe('1024');
    expect(emitted.idle_timeout_behavior).toBe('NOTIFY_CONTROL');
    expect(emitted.is_const_table).toBe(true);
    expect(emitted.has_initial_entries).toBeUndefined();
    expect(emitted.const_default_action_id).toBeUndefined();
    expect(emitted.match_fields?.map((field) => [field.id, field.match_type ?? field.other_match_type])).toEqual([
      [1, 'TERNARY'], [2, 'RANGE'], [3, 'OPTIONAL'], [4, 'my_kind'],
    ]);
    expect(emitted.action_refs).toEqual([
      { id: info.actions![1].preamble!.id, scope: 'TABLE_ONLY', annotations: ['@tableonly'] },
      { id: info.actions![0].preamble!.id, scope: 'DEFAULT_ONLY', annotations: ['@defaultonly'] },
    ]);
    expect(emitted.direct_resource_ids).toEqual([info.direct_counters![0].preamble!.id, info.direct_meters![0].preamble!.id]);
    expect(info.direct_counters![0]).toMatchObject({ preamble: { name: 'c.hits' }, spec: { unit: 'BOTH' }, direct_table_id: emitted.preamble!.id });
    expect(info.direct_meters![0]).toMatchObject({ preamble: { name: 'c.rate' }, spec: { unit: 'BYTES' }, direct_table_id: emitted.preamble!.id });
    expect(info.direct_counters![0].preamble!.id! >>> 24).toBe(0x13);
    expect(info.actions![1].params).toEqual([{ id: 1, name: 'port', bitwidth: 9, type_name: { name: 'PortId_t' } }]);
    expect(info.type_info?.new_types).toEqual({ PortId_t: { original_type: { bitstring: { bit: { bitwidth: 9 } } } } });
  });

  it('emits counters, meters, registers, action profiles, digests, value sets and packet metadata', () => {
    const program = emptyProgram();
    const ingress = addControl(program, 'c');
    addInstance(program, ingress, 'bytes_seen', 'counter', [sizeArg(64), counterTypeArg('bytes')], { line: 2 });
    addInstance(program, ingress, 'policer', 'meter', [sizeArg(16), meterTypeArg('packets')], { line: 3 });
    const flow = { kind: 'struct' as const, name: 'flow_t', fields: [{ name: 'a', type: bit(8), annotations: [] }, { name: 'ok', type: { kind: 'bool' as const }, annotations: [] }], annotations: [] };
    addInstance(program, ingress, 'state', 'register', [sizeArg(8)], { typeArgs: [flow, bit(32)], line: 4 });
    addInstance(program, ingress, 'per_port', 'counter', [sizeArg(512), counterTypeArg('packets')], { typeArgs: [bit(9, 'port_id_t')], line: 7 });
    addInstance(program, ingress, 'members', 'action_profile', [sizeArg(128)], { line: 5, annotations: [annotation('max_group_size', [7n])] });
    addInstance(program, ingress, 'secret', 'counter', [sizeArg(1), counterTypeArg('packets')], { line: 6, annotations: [annotation('hidden')] });
    program.digests.push({ type: flow, name: 'flow_t', loc: { file: 'x', line: 1, col: 1 } });
    program.valueSets.push({
      index: 0, name: 'tpids', controlPlaneName: 'p.tpids', elementType: bit(16), width: 16, size: 4, annotations: [], loc: { file: 'x', line: 1, col: 1 },
    });
    program.parsers.push({
      index: 0, typeName: 'p', controlPlaneName: 'p', params: [], frame: { slots: [] }, localInits: [], annotations: [], loc: loc(),
      states: [{
        index: 0, name: 'start', statements: [], annotations: [], loc: loc(),
        transition: { kind: 'select', exprs: [], loc: loc(), cases: [{ keysets: [{ kind: 'valueSet', valueSet: 0 }], next: -1, nextName: 'accept', loc: loc() }] },
      }],
    });
    const packetIn = header('packet_in_t', [['ingress_port', 9], ['pad', 7]], [annotation('controller_header', ['packet_in'], 'packet_in')]);
    packetIn.fields[1].annotations = [annotation('id', [5n])];
    program.types.set('packet_in_t', packetIn);
    program.controllerHeaders.packetIn = packetIn;
    setMain(program, [ingress]);
    const diagnostics = new Diagnostics();
    const info = emitP4Info(program, diagnostics);
    // Like p4c, group sizes on a profile without a selector are ignored (and not repeated as annotations).
    expect(diagnostics.items.map((item) => `${item.severity}: ${item.message}`)).toEqual([
      'warning: c.members: @max_group_size is ignored on an action_profile (it has no groups)',
    ]);
    expect(info.counters).toEqual([
      { preamble: expect.objectContaining({ name: 'c.bytes_seen', alias: 'bytes_seen' }), spec: { unit: 'BYTES' }, size: '64' },
      { preamble: expect.objectContaining({ name: 'c.per_port' }), spec: { unit: 'PACKETS' }, size: '512', index_type_name: { name: 'port_id_t' } },
    ]);
    expect(info.type_info?.new_types?.port_id_t).toEqual({ original_type: { bitstring: { bit: { bitwidth: 9 } } } });
    expect(info.meters).toEqual([{ preamble: expect.objectContaining({ name: 'c.policer' }), spec: { unit: 'PACKETS' }, size: '16' }]);
    expect(info.registers).toEqual([{ preamble: expect.objectContaining({ name: 'c.state' }), type_spec: { struct: { name: 'flow_t' } }, size: 8 }]);
    expect(info.action_profiles).toEqual([{ preamble: expect.objectContaining({ name: 'c.members' }), size: '128' }]);
    expect(info.action_profiles![0].preamble!.annotations).toBeUndefined();
    expect(info.digests).toEqual([{ preamble: { id: expect.any(Number), name: 'flow_t', alias: 'flow_t' }, type_spec: { struct: { name: 'flow_t' } } }]);
    expect(info.digests![0].preamble!.id! >>> 24).toBe(0x17);
    expect(info.type_info?.structs).toEqual({
      flow_t: { members: [{ name: 'a', type_spec: { bitstring: { bit: { bitwidth: 8 } } } }, { name: 'ok', type_spec: { bool: {} } }] },
    });
    expect(info.value_sets).toEqual([{ preamble: expect.objectContaining({ name: 'p.tpids' }), match: [{ id: 1, bitwidth: 16, match_type: 'EXACT' }], size: 4 }]);
    expect(info.controller_packet_metadata).toEqual([
      {
        preamble: { id: expect.any(Number), name: 'packet_in', alias: 'packet_in', annotations: ['@controller_header("packet_in")'] },
        metadata: [{ id: 1, name: 'ingress_port', bitwidth: 9 }, { id: 5, name: 'pad', bitwidth: 7 }],
      },
    ]);
    // The id hashes the header type's name, not the annotation's.
    expect(info.controller_packet_metadata![0].preamble!.id).toBe(hashedId('controllerHeader', 'packet_in_t'));
  });

  it('honours @id and reports bad ones as diagnostics', () => {
    const program = emptyProgram();
    const ingress = addControl(program, 'c');
    const a = addAction(program, 'a', { control: ingress, annotations: [annotation('id', [0x01000007n])], params: [
      { name: 'x', type: bit(8) },
      { name: 'y', type: bit(8), annotations: [annotation('id', [1n])] },
      { name: 'z', type: bit(8), annotations: [annotation('name', ['zed'])] },
    ] });
    const b = addAction(program, 'b', { control: ingress, annotations: [annotation('id', [0x02000001n])] });
    addTable(program, ingress, 't', { actions: [a, b], defaultAction: a, annotations: [annotation('id', [42n])] });
    setMain(program, [ingress]);
    const diagnostics = new Diagnostics();
    const info = emitP4Info(program, diagnostics);
    expect(info.actions![0].preamble!.id).toBe(0x01000007);
    expect(info.tables![0].preamble!.id).toBe(0x0200002a);
    // p4c's allocator: y takes 1; x then gets 2 (1 is taken), z the next free after position 3.
    // @name renames a parameter for the control plane (p4c controlPlaneName()).
    expect(info.actions![0].params!.map((param) => [param.name, param.id])).toEqual([['x', 2], ['y', 1], ['zed', 3]]);
    expect(diagnostics.items.map((item) => item.message)).toEqual([expect.stringContaining('wrong 8-bit prefix')]);
    expect(info.actions![1].preamble!.id! >>> 24).toBe(0x01);
  });

  it('lists top-level actions a control calls directly, ahead of its own', () => {
    const program = emptyProgram();
    const helper = addAction(program, 'set_mark');
    addAction(program, 'unused');
    const ingress = addControl(program, 'c');
    const own = addAction(program, 'own', { control: ingress });
    const call = (action: number) => ({ kind: 'call' as const, call: { callee: { kind: 'action' as const, action }, args: [], loc: loc(30, 5) }, loc: loc(30, 5) });
    ingress.body = [call(helper.index), call(own.index)];
    setMain(program, [ingress]);
    const info = emitP4Info(program, new Diagnostics());
    expect(info.actions?.map((action) => action.preamble?.name)).toEqual(['set_mark', 'c.own']);
  });

  it('leaves out what p4c removes as unused: tables never applied, their actions, unused value sets', () => {
    const program = emptyProgram();
    const noAction = addAction(program, 'NoAction');
    const ingress = addControl(program, 'c');
    const kept = addAction(program, 'kept', { control: ingress });
    const orphan = addAction(program, 'orphan', { control: ingress });
    addAction(program, 'never_referenced', { control: ingress });
    addTable(program, ingress, 'applied', { actions: [kept, noAction], defaultAction: noAction, line: 10 });
    addTable(program, ingress, 'idle', { actions: [orphan], defaultAction: orphan, line: 20, applied: false });
    addInstance(program, ingress, 'unused_counter', 'counter', [sizeArg(4), counterTypeArg('packets')]);
    program.valueSets.push({ index: 0, name: 'vs', controlPlaneName: 'p.vs', elementType: bit(8), width: 8, size: 1, annotations: [], loc: loc() });
    setMain(program, [ingress]);
    const diagnostics = new Diagnostics();
    const info = emitP4Info(program, diagnostics);
    expect(info.tables?.map((table) => table.preamble?.name)).toEqual(['c.applied']);
    expect(info.actions?.map((action) => action.preamble?.name)).toEqual(['NoAction', 'c.kept']);
    expect(info.value_sets).toBeUndefined();
    // Extern instances stay even when unused (p4c keeps them for the control plane).
    expect(info.counters?.map((counter) => counter.preamble?.name)).toEqual(['c.unused_counter']);
    expect(diagnostics.items).toEqual([expect.objectContaining({ severity: 'warning', message: expect.stringContaining('c.idle is never applied') })]);
  });

  it('leaves @hidden objects out and reports duplicate names', () => {
    const program = emptyProgram();
    const noAction = addAction(program, 'NoAction');
    const ingress = addControl(program, 'c');
    addTable(program, ingress, 'shown', { actions: [noAction], defaultAction: noAction, line: 10 });
    addTable(program, ingress, 'secret', { actions: [noAction], defaultAction: noAction, line: 20, annotations: [annotation('hidden')] });
    setMain(program, [ingress]);
    expect(emitP4Info(program, new Diagnostics()).tables?.map((table) => table.preamble?.name)).toEqual(['c.shown']);

    const twice = emptyProgram();
    const action = addAction(twice, 'NoAction');
    const control = addControl(twice, 'c');
    addTable(twice, control, 't', { actions: [action], defaultAction: action, line: 10 });
    addTable(twice, control, 't', { actions: [action], defaultAction: action, line: 20 });
    setMain(twice, [control]);
    const diagnostics = new Diagnostics();
    emitP4Info(twice, diagnostics);
    expect(diagnostics.items.map((item) => [item.message, item.loc.line])).toEqual([["Name 'c.t' is used for multiple table objects in the P4Info message", 20]]);
  });

  it('reports a table resource of the wrong extern type instead of throwing', () => {
    const program = emptyProgram();
    const noAction = addAction(program, 'NoAction');
    const ingress = addControl(program, 'c');
    const register = addInstance(program, ingress, 'r', 'register', [sizeArg(1)], { typeArgs: [bit(8), bit(32)] });
    addTable(program, ingress, 't', { actions: [noAction], defaultAction: noAction, implementation: register.index, directCounters: [register.index] });
    setMain(program, [ingress]);
    const diagnostics = new Diagnostics();
    const info = emitP4Info(program, diagnostics);
    expect(diagnostics.items.map((item) => item.message)).toEqual([
      'c.t: implementation must be action_profile or action_selector',
      'c.t: counters must be direct_counter',
    ]);
    expect(info.tables?.[0].implementation_id).toBeUndefined();
  });

  it('writes initial_default_action unless asked not to, with its arguments', () => {
    const program = emptyProgram();
    const ingress = addControl(program, 'c');
    const set = addAction(program, 'set', { control: ingress, params: [{ name: 'port', type: bit(9) }, { name: 'tag', type: bit(12) }] });
    const table = addTable(program, ingress, 't', { actions: [set], defaultAction: set });
    table.defaultAction.args = [5, 0xabc];
    setMain(program, [ingress]);
    expect(emitP4Info(program, new Diagnostics(), { initialDefaultAction: false }).tables?.[0].initial_default_action).toBeUndefined();
    const info = emitP4Info(program, new Diagnostics());
    expect(info.tables?.[0].initial_default_action).toEqual({
      action_id: info.actions![0].preamble!.id,
      arguments: [{ param_id: 1, value: Uint8Array.from([0, 5]) }, { param_id: 2, value: Uint8Array.from([0x0a, 0xbc]) }],
    });
    // It sits between const_default_action_id (4) and implementation_id (6) in text.
    expect(formatP4Info(info, 'text')).toContain('  }\n  initial_default_action {\n    action_id: ');
  });

  // p4c's output for the p4c test program basic_routing-bmv2.p4 (two controls,
  // an action name used in both): ids and aliases.
  it('matches p4c ids and aliases across two controls', () => {
    const program = emptyProgram();
    const noAction = addAction(program, 'NoAction', { annotations: [noWarnUnused] });
    const ingress = addControl(program, 'ingress');
    const egress = addControl(program, 'egress');
    const [setVrf, onMiss, fibHit, setEgress, setBd] = ['set_vrf', 'on_miss', 'fib_hit_nexthop', 'set_egress_details', 'set_bd'].map((name) =>
      addAction(program, name, { control: ingress }),
    );
    const [egressMiss, rewrite] = ['on_miss', 'rewrite_src_dst_mac'].map((name) => addAction(program, name, { control: egress }));
    const table = (control: typeof ingress, name: string, actions: typeof noAction[], line: number) => {
      const created = addTable(program, control, name, { actions: [...actions, noAction], defaultAction: noAction, line });
      created.actions[created.actions.length - 1].scope = 'defaultOnly';
      created.actions[created.actions.length - 1].annotations = [annotation('defaultonly')];
    };
    table(ingress, 'bd', [setVrf], 10);
    table(ingress, 'ipv4_fib', [onMiss, fibHit], 11);
    table(ingress, 'ipv4_fib_lpm', [onMiss, fibHit], 12);
    table(ingress, 'nexthop', [onMiss, setEgress], 13);
    table(ingress, 'port_mapping', [setBd], 14);
    table(egress, 'rewrite_mac', [egressMiss, rewrite], 20);
    setMain(program, [ingress, egress]);
    const info = emitP4Info(program, new Diagnostics());
    expect(info.tables?.map((t) => [t.preamble?.id, t.preamble?.alias])).toEqual([
      [48392551, 'bd'], [41084491, 'ipv4_fib'], [42875950, 'ipv4_fib_lpm'], [43581057, 'nexthop'], [39645634, 'port_mapping'], [40309161, 'rewrite_mac'],
    ]);
    expect(info.actions?.map((a) => [a.preamble?.id, a.preamble?.alias])).toEqual([
      [21257015, 'NoAction'], [33505590, 'set_vrf'], [22594144, 'ingress.on_miss'], [26104220, 'fib_hit_nexthop'],
      [19738113, 'set_egress_details'], [27500220, 'set_bd'], [28864280, 'egress.on_miss'], [28966416, 'rewrite_src_dst_mac'],
    ]);
  });

  it('takes the action scope from the reference annotations only, as p4c does', () => {
    const program = emptyProgram();
    const ingress = addControl(program, 'c');
    const declaredOnly = addAction(program, 'a', { control: ingress, annotations: [annotation('tableonly')] });
    const both = addAction(program, 'b', { control: ingress });
    const table = addTable(program, ingress, 't', { actions: [declaredOnly, both], defaultAction: both });
    table.actions[0].scope = 'tableOnly'; // what the checker derives from the declaration
    table.actions[1].annotations = [annotation('tableonly'), annotation('defaultonly')];
    setMain(program, [ingress]);
    const diagnostics = new Diagnostics();
    const info = emitP4Info(program, diagnostics);
    expect(info.tables?.[0].action_refs?.[0].scope).toBeUndefined();
    expect(diagnostics.items.map((item) => item.message)).toEqual(['c.t: action c.b is both @tableonly and @defaultonly']);
  });

  it('leaves pkg_info unset without a main package, with a warning', () => {
    const diagnostics = new Diagnostics();
    const info = emitP4Info(emptyProgram(), diagnostics);
    // Nothing was serialized that would make p4c create type_info.
    expect(info).toEqual({});
    expect(diagnostics.items).toEqual([expect.objectContaining({ severity: 'warning', message: expect.stringContaining("no 'main'") })]);
  });

  it('reads @pkginfo and @platform_property from the AST of main', () => {
    const program = basicProgram();
    const at = { file: 't.p4', line: 1, col: 1 };
    const string = (value: string) => ({ kind: 'StringLiteral' as const, value, loc: at });
    const int = (value: bigint) => ({ kind: 'IntLiteral' as const, value, signed: false, text: String(value), loc: at });
    const ast = {
      kind: 'Program' as const,
      declarations: [{
        kind: 'Instantiation' as const, loc: at, name: 'main', args: [], type: { kind: 'NamedType' as const, name: 'V1Switch', global: false, loc: at },
        annotations: [
          { kind: 'Annotation' as const, name: 'pkginfo', loc: at, body: { kind: 'kvList' as const, pairs: [{ key: 'name', value: string('softmesh'), loc: at }, { key: 'version', value: string('1'), loc: at }] } },
          { kind: 'Annotation' as const, name: 'platform_property', loc: at, body: { kind: 'kvList' as const, pairs: [{ key: 'multicast_group_table_size', value: int(10n), loc: at }] } },
          { kind: 'Annotation' as const, name: 'brief', loc: at, body: { kind: 'unstructured' as const, tokens: [], exprs: [string('router')] } },
        ],
      }],
    };
    const info = emitP4Info(program, new Diagnostics(), { ast });
    expect(info.pkg_info).toEqual({ arch: 'v1model', name: 'softmesh', version: '1', platform_properties: { multicast_group_table_size: 10 }, doc: { brief: 'router' } });
  });
});

describe('formatP4Info', () => {
  const info = emitP4Info(basicProgram(), new Diagnostics(), { initialDefaultAction: false });

  it('writes binary that decodes to the same P4Info', () => {
    expect(decodeP4Info(formatP4Info(info, 'binary'))).toEqual({ ok: true, value: info });
  });

  it('writes text that parses to the same P4Info', () => {
    expect(parseText('p4.config.v1.P4Info', formatP4Info(info, 'text'))).toEqual({ ok: true, value: info });
  });

  it('picks the format from the file name like p4c', () => {
    expect(formatForFile('x.p4info.txt')).toBe('text');
    expect(formatForFile('x.p4info.json')).toBe('json');
    expect(formatForFile('x.p4info.bin')).toBe('binary');
    expect(formatForFile('x.p4info')).toBeUndefined();
    const text = p4infoFileContents(info, 'x.p4info.txtpb') as string;
    expect(text.startsWith('# proto-file: p4/config/v1/p4info.proto\n# proto-message: p4.config.v1.P4Info\n\npkg_info {\n')).toBe(true);
    expect(parseText('p4.config.v1.P4Info', text)).toEqual({ ok: true, value: info });
    expect(p4infoFileContents(info, 'x.p4info.bin')).toBeInstanceOf(Uint8Array);
  });

  it('reads back all three formats, and reports malformed input as a value', () => {
    for (const format of ['text', 'json', 'binary'] as const) {
      expect(parseP4Info(formatP4Info(info, format), format)).toEqual({ ok: true, value: info });
    }
    expect(parseP4Info('{"tables": [{"preamble": {"id": 1}, "futureField": 2}]}', 'json').ok).toBe(false);
    expect(parseP4Info('{"tables": [{"preamble": {"id": 1}, "futureField": 2}]}', 'json', { allowUnknownFields: true })).toEqual({
      ok: true,
      value: { tables: [{ preamble: { id: 1 } }] },
    });
    expect(parseP4Info('{"tables": 3}', 'json')).toEqual({ ok: false, error: 'P4Info JSON: P4Info.tables must be a list' });
    expect(parseP4Info('{', 'json').ok).toBe(false);
    expect(parseP4Info('tables {', 'text').ok).toBe(false);
    expect(parseP4Info(new Uint8Array([0x12, 0x05]), 'binary').ok).toBe(false);
  });

  it('writes the protobuf JSON mapping', () => {
    const json = JSON.parse(formatP4Info(info, 'json'));
    expect(json.pkgInfo).toEqual({ arch: 'v1model' });
    expect(json.tables[0].matchFields[0]).toEqual({ id: 1, name: 'hdr.ipv4.dstAddr', bitwidth: 32, matchType: 'LPM' });
    expect(json.tables[0].size).toBe('1024');
    expect(formatP4Info(info, 'json').split('\n')[1]).toBe(' "pkgInfo": {');
    // Field-number order: preamble (1) before matchFields (2) before size (8).
    expect(Object.keys(json.tables[0])).toEqual(['preamble', 'matchFields', 'actionRefs', 'size']);
  });
});
