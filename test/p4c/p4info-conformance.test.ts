// P4Info rules learnt from p4c's expected outputs, one small program each:
// action profile size annotations, @p4runtime_translation without the AST,
// actions reachable only through other actions, initial_default_action.

import { describe, expect, it } from 'vitest';
import { Diagnostics, formatDiagnostic } from '../../src/p4c/diagnostics.js';
import { compileSources } from '../../src/p4c/index.js';
import { emitP4Info, type EmitOptions, type P4InfoObject } from '../../src/p4c/p4info/index.js';

/** A v1model program whose ingress control holds `ingress` (declarations then an apply block). */
function v1model(prelude: string, ingress: string): string {
  return `#include <core.p4>
#include <v1model.p4>
${prelude}
struct headers_t { }
parser P(packet_in packet, out headers_t hdr, inout metadata_t meta, inout standard_metadata_t sm) {
    state start { transition accept; }
}
control TIngress(inout headers_t hdr, inout metadata_t meta, inout standard_metadata_t sm) {
${ingress}
}
control Verify(inout headers_t hdr, inout metadata_t meta) { apply { } }
control TEgress(inout headers_t hdr, inout metadata_t meta, inout standard_metadata_t sm) { apply { } }
control Compute(inout headers_t hdr, inout metadata_t meta) { apply { } }
control TDeparser(packet_out packet, in headers_t hdr) { apply { } }
V1Switch(P(), Verify(), TIngress(), TEgress(), Compute(), TDeparser()) main;
`;
}

const PLAIN_METADATA = 'struct metadata_t { bit<32> hash; bit<8> tag; }';

/** Compiles without the AST (as the P4Runtime server and the corpus harness do) and emits P4Info. */
function emit(source: string, options: EmitOptions = {}): { info: P4InfoObject; messages: string[] } {
  const compiled = compileSources({ 'main.p4': source }, 'main.p4');
  const errors = compiled.diagnostics.filter((item) => item.severity === 'error').map(formatDiagnostic);
  expect(errors).toEqual([]);
  const diagnostics = new Diagnostics();
  const info = emitP4Info(compiled.ir!, diagnostics, options);
  return { info, messages: diagnostics.items.map((item) => `${item.severity}: ${item.message}`) };
}

function profile(info: P4InfoObject, name: string) {
  const found = info.action_profiles?.find((candidate) => candidate.preamble?.name === name);
  expect(found, `action profile ${name}`).toBeDefined();
  return found!;
}

/** Two tables, each with its own implementation written as `annotations instance`. */
function profilesProgram(profileAnnotations: string, selectorAnnotations: string): string {
  return v1model(PLAIN_METADATA, `
    action drop() { mark_to_drop(sm); }
    ${profileAnnotations} action_profile(32w64) members;
    ${selectorAnnotations} action_selector(HashAlgorithm.crc16, 32w256, 32w14) groups;
    table by_member {
        key = { meta.tag: exact; }
        actions = { drop; NoAction; }
        implementation = members;
    }
    table by_group {
        key = { meta.tag: exact; meta.hash: selector; }
        actions = { drop; NoAction; }
        implementation = groups;
    }
    apply { by_member.apply(); by_group.apply(); }`);
}

describe('action profile size annotations (as p4c)', () => {
  it('ignores them on a profile without selector, with a warning, and never repeats them as annotations', () => {
    const { info, messages } = emit(profilesProgram('@max_group_size(8) @selector_size_semantics("sum_of_members") @max_member_weight(4) @keep_me', ''));
    const members = profile(info, 'TIngress.members');
    expect(members).toEqual({ preamble: expect.anything(), table_ids: [expect.any(Number)], size: '64' });
    expect(members.preamble!.annotations).toEqual(['@keep_me']);
    expect(messages).toEqual(['warning: TIngress.members: @max_group_size is ignored on an action_profile (it has no groups)']);
  });

  it('writes nothing about group sizes for a selector without size annotations', () => {
    const groups = profile(emit(profilesProgram('', '')).info, 'TIngress.groups');
    expect(groups).toEqual({ preamble: expect.anything(), table_ids: [expect.any(Number)], with_selector: true, size: '256' });
  });

  it('writes max_group_size and the default sum_of_weights {} for a selector with @max_group_size', () => {
    const { info, messages } = emit(profilesProgram('', '@max_group_size(12)'));
    const groups = profile(info, 'TIngress.groups');
    expect(groups.max_group_size).toBe(12);
    expect(groups.sum_of_weights).toEqual({});
    expect(groups.sum_of_members).toBeUndefined();
    expect(groups.preamble!.annotations).toBeUndefined();
    expect(messages).toEqual([]);
  });

  it('writes sum_of_members with its max_member_weight', () => {
    const groups = profile(emit(profilesProgram('', '@max_group_size(12) @selector_size_semantics("sum_of_members") @max_member_weight(40)')).info, 'TIngress.groups');
    expect(groups.sum_of_members).toEqual({ max_member_weight: 40 });
    expect(groups.sum_of_weights).toBeUndefined();
  });

  it('reports a max_member_weight with sum_of_weights, and an unknown semantics, as values', () => {
    const weights = emit(profilesProgram('', '@selector_size_semantics("sum_of_weights") @max_member_weight(40)'));
    expect(profile(weights.info, 'TIngress.groups').sum_of_weights).toEqual({});
    expect(weights.messages).toEqual(['warning: TIngress.groups: @max_member_weight only applies with @selector_size_semantics("sum_of_members"); ignored']);
    const unknown = emit(profilesProgram('', '@selector_size_semantics("sum_of_bytes")'));
    expect(unknown.messages).toEqual(['error: TIngress.groups: @selector_size_semantics must be "sum_of_weights" or "sum_of_members"']);
    const notNumber = emit(profilesProgram('', '@max_group_size("many")'));
    expect(notNumber.messages).toEqual(['error: TIngress.groups: @max_group_size needs one positive integer']);
    expect(profile(notNumber.info, 'TIngress.groups').max_group_size).toBeUndefined();
  });
});

describe('@p4runtime_translation from the IR alone', () => {
  const prelude = `
@p4runtime_translation("softmesh.test/port", 32)
type bit<9> port_t;
typedef port_t port_alias_t;
type port_t local_port_t;
@p4runtime_translation("softmesh.test/name", string)
type bit<12> name_t;
@controller_header("packet_out")
header packet_out_t { port_alias_t egress_port; bit<7> pad; }
struct metadata_t { port_t port; local_port_t local; name_t name; }`;
  const ingress = `
    action route(port_alias_t port, name_t name) { sm.egress_spec = (bit<9>)port; meta.name = name; }
    table ports {
        key = { meta.port: exact; meta.local: exact; meta.name: exact; }
        actions = { route; NoAction; }
    }
    apply { ports.apply(); }`;

  it('uses the controller width and names the type for match fields, parameters and packet metadata', () => {
    const { info } = emit(v1model(prelude, ingress));
    expect(info.tables![0].match_fields!.map(({ name, bitwidth, type_name }) => ({ name, bitwidth, type_name }))).toEqual([
      { name: 'meta.port', bitwidth: 32, type_name: { name: 'port_t' } },
      // A `type` over a translated type starts afresh: the P4 width, untranslated.
      { name: 'meta.local', bitwidth: 9, type_name: { name: 'local_port_t' } },
      // Translated to a string: no width at all.
      { name: 'meta.name', bitwidth: undefined, type_name: { name: 'name_t' } },
    ]);
    const route = info.actions!.find((action) => action.preamble?.name === 'TIngress.route')!;
    // A typedef keeps the type it names.
    expect(route.params!.map(({ name, bitwidth, type_name }) => ({ name, bitwidth, type_name }))).toEqual([
      { name: 'port', bitwidth: 32, type_name: { name: 'port_t' } },
      { name: 'name', bitwidth: undefined, type_name: { name: 'name_t' } },
    ]);
    expect(info.controller_packet_metadata![0].metadata![0]).toEqual({ id: 1, name: 'egress_port', bitwidth: 32, type_name: { name: 'port_t' } });
  });

  it('describes translated types by uri and controller width, others by their bits', () => {
    const { info } = emit(v1model(prelude, ingress));
    expect(info.type_info?.new_types).toEqual({
      port_t: { translated_type: { uri: 'softmesh.test/port', sdn_bitwidth: 32 } },
      local_port_t: { original_type: { bitstring: { bit: { bitwidth: 9 } } } },
      name_t: { translated_type: { uri: 'softmesh.test/name', sdn_string: {} } },
    });
  });
});

describe('actions P4Info lists', () => {
  it('leaves out an action only called from other actions, keeps one called from the apply block', () => {
    const { info } = emit(v1model(PLAIN_METADATA, `
    action set_tag(bit<8> tag) { meta.tag = tag; }
    action tag_one() { set_tag(1); }
    action tag_two() { set_tag(2); }
    action count_it() { meta.hash = meta.hash + 1; }
    action helper() { count_it(); }
    table classify {
        key = { meta.hash: exact; }
        actions = { tag_one; tag_two; }
    }
    apply { classify.apply(); count_it(); }`));
    const names = info.actions!.map((action) => action.preamble!.name);
    expect(names).toContain('TIngress.tag_one');
    expect(names).toContain('TIngress.count_it');
    expect(names).not.toContain('TIngress.set_tag');
    expect(names).not.toContain('TIngress.helper');
  });

  it('keeps an action that a table lists even when another action calls it too', () => {
    const { info } = emit(v1model(PLAIN_METADATA, `
    action set_tag(bit<8> tag) { meta.tag = tag; }
    action tag_one() { set_tag(1); }
    table classify {
        key = { meta.hash: exact; }
        actions = { tag_one; set_tag; }
    }
    apply { classify.apply(); }`));
    // Top-level actions a control uses come first (p4c's LocalizeActions), then the control's own.
    expect(info.actions!.map((action) => action.preamble!.name)).toEqual(['NoAction', 'TIngress.set_tag', 'TIngress.tag_one']);
  });
});

describe('initial_default_action (P4Runtime 1.4, as current p4c)', () => {
  const program = v1model(PLAIN_METADATA, `
    action mark(bit<32> value, bit<8> tag, bool flag) { meta.hash = value; meta.tag = flag ? tag : 8w0; }
    table fixed {
        key = { meta.tag: exact; }
        actions = { mark; }
        const default_action = mark(10, 3, true);
    }
    table plain {
        key = { meta.hash: exact; }
        actions = { mark; }
    }
    apply { fixed.apply(); plain.apply(); }`);

  it('is written for every table; arguments use the parameter ids and full-width bytes', () => {
    const { info } = emit(program);
    const mark = info.actions!.find((action) => action.preamble?.name === 'TIngress.mark')!.preamble!.id;
    const noAction = info.actions!.find((action) => action.preamble?.name === 'NoAction')!.preamble!.id;
    const [fixed, plain] = info.tables!;
    expect(fixed.const_default_action_id).toBe(mark);
    expect(fixed.initial_default_action).toEqual({
      action_id: mark,
      arguments: [
        { param_id: 1, value: new Uint8Array([0, 0, 0, 10]) },
        { param_id: 2, value: new Uint8Array([3]) },
        { param_id: 3, value: new Uint8Array([1]) },
      ],
    });
    // No default_action: NoAction, not const, still written.
    expect(plain.const_default_action_id).toBeUndefined();
    expect(plain.initial_default_action).toEqual({ action_id: noAction });
  });

  it('is left out on request, for comparisons with p4c before P4Runtime 1.4', () => {
    const { info } = emit(program, { initialDefaultAction: false });
    expect(info.tables!.map((table) => table.initial_default_action)).toEqual([undefined, undefined]);
  });
});
