// BMv2 simple_switch conformance: one small program (written for this
// project) per behaviour that p4c's STF corpus exposed, with exact outputs.

import { describe, expect, it } from 'vitest';
import { compileSources } from '../../src/p4c/index.js';
import { Diagnostics } from '../../src/p4c/diagnostics.js';
import { emitP4Info } from '../../src/p4c/p4info/index.js';
import { createSwitchStfTarget, runStf } from '../../src/sim/stf/index.js';
import { addEntry, hex, load, PRELUDE, toHex } from './interp-support.js';

const ETHERNET = 'header ethernet_t { bit<48> dst; bit<48> src; bit<16> type; }\n';

describe('argument and assignment evaluation order', () => {
  // `counter` counts how often the index expression runs; pick() returns 0.
  const program = `${ETHERNET}
header item_t { bit<8> value; }
header index_t { bit<8> position; bit<8> evaluations; bit<8> result; }
struct headers_t { ethernet_t ethernet; item_t[2] items; index_t index; }
struct meta_t { }
parser P(packet_in packet, out headers_t h, inout meta_t m, inout standard_metadata_t sm) {
  state start { packet.extract(h.ethernet); packet.extract(h.items.next); packet.extract(h.items.next); packet.extract(h.index); transition accept; }
}
control V(inout headers_t h, inout meta_t m) { apply { } }
bit<8> counted(inout bit<8> evaluations, in bit<8> position) { evaluations = evaluations + 1; return position; }
bit<8> pick(inout bit<8> value) { value = value + 0x10; return 0; }
bit<8> clear(inout bit<8> position) { position = 0; return 0x77; }
control I(inout headers_t h, inout meta_t m, inout standard_metadata_t sm) {
  apply {
    if (h.ethernet.type == 1) {
      // Copy-in/copy-out: the inout argument's index runs once; pick's result survives copy-out.
      h.index.result = pick(h.items[counted(h.index.evaluations, h.index.position)].value);
    } else {
      // The left side's index is fixed before the right side runs (clear() zeroes position).
      h.items[h.index.position].value = clear(h.index.position);
    }
    sm.egress_spec = 1;
  }
}
control E(inout headers_t h, inout meta_t m, inout standard_metadata_t sm) { apply { } }
control C(inout headers_t h, inout meta_t m) { apply { } }
control D(packet_out packet, in headers_t h) { apply { packet.emit(h); } }
V1Switch(P(), V(), I(), E(), C(), D()) main;
`;
  const frame = (type: string, items: string, index: string) => hex(`000000000001 000000000002 ${type} ${items} ${index}`);

  it('evaluates an inout argument location once and keeps the callee result', () => {
    const sw = load(program);
    const [output] = sw.processPacket(0, frame('0001', 'a0 b0', '01 00 00'));
    // items[1] += 0x10, counted() ran once, result = pick()'s 0.
    expect(toHex(output.bytes)).toBe('0000000000010000000000020001' + 'a0c0' + '010100');
  });

  it('evaluates the left side of an assignment before the right side', () => {
    const sw = load(program);
    const [output] = sw.processPacket(0, frame('0002', 'a0 b0', '01 00 00'));
    // position was 1 when the left side was evaluated: items[1] = 0x77, then position = 0.
    expect(toHex(output.bytes)).toBe('0000000000010000000000020002' + 'a077' + '000000');
  });
});

describe('loops (P4_16 v1.2.5 §12.15)', () => {
  const program = `${ETHERNET}
header counts_t { bit<8> limit; bit<8> sum; bit<8> odd; bit<8> ranged; }
struct headers_t { ethernet_t ethernet; counts_t counts; }
struct meta_t { }
parser P(packet_in packet, out headers_t h, inout meta_t m, inout standard_metadata_t sm) {
  state start { packet.extract(h.ethernet); packet.extract(h.counts); transition accept; }
}
control V(inout headers_t h, inout meta_t m) { apply { } }
control I(inout headers_t h, inout meta_t m, inout standard_metadata_t sm) {
  apply {
    for (bit<8> i = 0; i < 100; i = i + 1) {
      if (i == h.counts.limit) { break; }
      h.counts.sum = h.counts.sum + i;
    }
    for (bit<8> i = 0; i < h.counts.limit; i = i + 1) {
      if (i & 1 == 0) { continue; }
      h.counts.odd = h.counts.odd + 1;
    }
    for (bit<8> i in 250 .. 255) {
      h.counts.ranged = h.counts.ranged + 1;
    }
    sm.egress_spec = 2;
  }
}
control E(inout headers_t h, inout meta_t m, inout standard_metadata_t sm) { apply { } }
control C(inout headers_t h, inout meta_t m) { apply { } }
control D(packet_out packet, in headers_t h) { apply { packet.emit(h); } }
V1Switch(P(), V(), I(), E(), C(), D()) main;
`;

  it('runs for, break, continue and an inclusive range ending at the type maximum', () => {
    const sw = load(program);
    const [output] = sw.processPacket(0, hex('000000000001 000000000002 0800 05 00 00 00'));
    expect(output.port).toBe(2);
    // sum 0..4 = 10; odd numbers below 5: 1, 3; 250..255 is six values (no wrap to 0).
    expect(toHex(output.bytes.subarray(14))).toBe('050a0206');
  });
});

describe('traffic manager copies as BMv2 makes them', () => {
  const program = `${ETHERNET}
header info_t { bit<8> pass; bit<8> port; bit<8> kept; bit<8> parsed; }
struct headers_t { ethernet_t ethernet; info_t info; }
struct meta_t { @field_list(1) bit<8> kept; bit<8> parsed; }
parser P(packet_in packet, out headers_t h, inout meta_t m, inout standard_metadata_t sm) {
  state start { packet.extract(h.ethernet); packet.extract(h.info); m.parsed = 0x99; transition accept; }
}
control V(inout headers_t h, inout meta_t m) { apply { } }
control I(inout headers_t h, inout meta_t m, inout standard_metadata_t sm) {
  apply {
    if (h.ethernet.type == 1 && sm.instance_type == 0) {
      m.kept = 0x42;
      resubmit_preserving_field_list(1);
    } else if (h.ethernet.type == 3 && sm.instance_type == 0) {
      m.kept = 0x24;
      clone_preserving_field_list(CloneType.I2E, 5, 1);
    }
    h.info.pass = (bit<8>) sm.instance_type;
    h.info.port = (bit<8>) sm.ingress_port;
    h.info.kept = m.kept;
    sm.egress_spec = 1;
  }
}
control E(inout headers_t h, inout meta_t m, inout standard_metadata_t sm) {
  apply {
    // BMv2 sets instance_type to NORMAL when ingress enqueues a unicast packet, so egress
    // tells the passes apart by what ingress wrote.
    if (h.ethernet.type == 2 && h.info.pass == 0) {
      m.kept = 0x17;
      recirculate_preserving_field_list(1);
    }
    if (sm.instance_type == 1) {
      // The I2E clone: its metadata is the field list only; the parser's write is gone.
      h.info.pass = 1;
      h.info.kept = m.kept;
      h.info.parsed = m.parsed;
    }
  }
}
control C(inout headers_t h, inout meta_t m) { apply { } }
control D(packet_out packet, in headers_t h) { apply { packet.emit(h); } }
V1Switch(P(), V(), I(), E(), C(), D()) main;
`;
  const frame = (type: string) => hex(`000000000001 000000000002 ${type} 00000000`);

  it('resubmits with ingress_port 0 (metadata reset) and the field list kept', () => {
    const sw = load(program);
    const outputs = sw.processPacket(7, frame('0001'));
    expect(outputs.map((o) => [o.port, toHex(o.bytes.subarray(14))])).toEqual([[1, '06004200']]);
  });

  it('recirculates the deparsed packet with ingress_port 0 and the field list kept', () => {
    const sw = load(program);
    const outputs = sw.processPacket(7, frame('0002'));
    // First pass wrote pass=0/port=7; the recirculated pass (instance 4) rewrites them.
    expect(outputs.map((o) => [o.port, toHex(o.bytes.subarray(14))])).toEqual([[1, '04001700']]);
  });

  it('re-parses an I2E clone but keeps only the field list of the metadata', () => {
    const sw = load(program);
    sw.pre.writeCloneSession('insert', { sessionId: 5, replicas: [{ egressPort: 4, instance: 0 }], classOfService: 0, packetLengthBytes: 0 });
    const outputs = sw.processPacket(7, frame('0003'));
    const byPort = new Map(outputs.map((o) => [o.port, toHex(o.bytes.subarray(14))]));
    expect(byPort.get(1)).toBe('00072400');
    expect(byPort.get(4)).toBe('01002400');
  });
});

describe('const entries with @priority (BMv2: the smaller number wins)', () => {
  const program = `${ETHERNET}
struct headers_t { ethernet_t ethernet; }
struct meta_t { }
parser P(packet_in packet, out headers_t h, inout meta_t m, inout standard_metadata_t sm) {
  state start { packet.extract(h.ethernet); transition accept; }
}
control V(inout headers_t h, inout meta_t m) { apply { } }
control I(inout headers_t h, inout meta_t m, inout standard_metadata_t sm) {
  action forward(bit<9> port) { sm.egress_spec = port; }
  table classify {
    key = { h.ethernet.type : ternary; }
    actions = { forward; }
    default_action = forward(0);
    const entries = {
      0x0011 &&& 0x000F : forward(1) @priority(3);
      0x0181            : forward(2);
      0x0101 &&& 0x0F0F : forward(3) @priority(1);
    }
  }
  apply { classify.apply(); }
}
control E(inout headers_t h, inout meta_t m, inout standard_metadata_t sm) { apply { } }
control C(inout headers_t h, inout meta_t m) { apply { } }
control D(packet_out packet, in headers_t h) { apply { packet.emit(h); } }
V1Switch(P(), V(), I(), E(), C(), D()) main;
`;
  it('orders entries by annotation value, then position (1-based) for the unannotated', () => {
    const sw = load(program);
    const portFor = (type: string) => sw.processPacket(0, hex(`000000000001 000000000002 ${type}`)).map((o) => o.port);
    expect(portFor('0001')).toEqual([1]); // only the first entry matches
    expect(portFor('0101')).toEqual([3]); // first (3) and third (1): third wins
    expect(portFor('0181')).toEqual([3]); // all three: third (1) beats second (2) and first (3)
    expect(portFor('0281')).toEqual([1]); // first only
  });
});

describe('table entries in the shared helper still work', () => {
  it('adds an entry by name', () => {
    const sw = load(`${ETHERNET}
struct headers_t { ethernet_t ethernet; }
struct meta_t { }
parser P(packet_in packet, out headers_t h, inout meta_t m, inout standard_metadata_t sm) {
  state start { packet.extract(h.ethernet); transition accept; }
}
control V(inout headers_t h, inout meta_t m) { apply { } }
control I(inout headers_t h, inout meta_t m, inout standard_metadata_t sm) {
  action forward(bit<9> port) { sm.egress_spec = port; }
  table route { key = { h.ethernet.type : exact; } actions = { forward; NoAction; } default_action = NoAction; }
  apply { sm.egress_spec = 511; route.apply(); }
}
control E(inout headers_t h, inout meta_t m, inout standard_metadata_t sm) { apply { } }
control C(inout headers_t h, inout meta_t m) { apply { } }
control D(packet_out packet, in headers_t h) { apply { packet.emit(h); } }
V1Switch(P(), V(), I(), E(), C(), D()) main;
`);
    addEntry(sw, 'I.route', [{ kind: 'exact', value: 0x0800n }], 'I.forward', [6n]);
    expect(sw.processPacket(0, hex('000000000001 000000000002 0800')).map((o) => o.port)).toEqual([6]);
    expect(sw.processPacket(0, hex('000000000001 000000000002 0801'))).toEqual([]);
  });
});

describe('parser: varbit sizes and union stacks', () => {
  const program = `${ETHERNET}
header options_t { varbit<16> bytes; }
header one_t { bit<8> data; }
header two_t { bit<16> data; }
header_union either_t { one_t one; two_t two; }
struct headers_t { ethernet_t ethernet; options_t options; either_t[2] either; }
struct meta_t { }
parser P(packet_in packet, out headers_t h, inout meta_t m, inout standard_metadata_t sm) {
  state start {
    packet.extract(h.ethernet);
    transition select(h.ethernet.type[15:8]) { 0: options; default: unions; }
  }
  state options { packet.extract(h.options, (bit<32>) h.ethernet.type[7:0]); transition accept; }
  state unions { packet.extract(h.either.next.two); packet.extract(h.either.next.one); transition accept; }
}
control V(inout headers_t h, inout meta_t m) { apply { } }
control I(inout headers_t h, inout meta_t m, inout standard_metadata_t sm) {
  apply {
    h.ethernet.dst[7:0] = sm.parser_error == error.ParserInvalidArgument ? 8w6 : sm.parser_error == error.HeaderTooShort ? 8w4 : sm.parser_error == error.NoError ? 8w0 : 8w9;
    h.options.setInvalid();
    sm.egress_spec = 1;
  }
}
control E(inout headers_t h, inout meta_t m, inout standard_metadata_t sm) { apply { } }
control C(inout headers_t h, inout meta_t m) { apply { } }
control D(packet_out packet, in headers_t h) { apply { packet.emit(h); } }
V1Switch(P(), V(), I(), E(), C(), D()) main;
`;
  const run = (frame: string) => toHex(load(program).processPacket(0, hex(frame))[0].bytes);

  it('rejects a varbit size that is not whole bytes with ParserInvalidArgument, before the size limit', () => {
    expect(run('000000000001 000000000002 0008 aa bbcc')).toBe('000000000000' + '000000000002' + '0008' + 'bbcc');
    expect(run('000000000001 000000000002 0007 aa bbcc')).toBe('000000000006' + '000000000002' + '0007' + 'aabbcc');
    expect(run('000000000001 000000000002 0011 aa bbcc dd')).toBe('000000000006' + '000000000002' + '0011' + 'aabbccdd');
    expect(run('000000000001 000000000002 0018 aa bbcc dd')).toBe('000000000004' + '000000000002' + '0018' + 'aabbccdd');
  });

  it('extracts into unions.next.member and advances the union stack', () => {
    // two (0x1122) into either[0], one (0x33) into either[1]; 0x44 stays payload.
    expect(run('000000000001 000000000002 0100 1122 33 44')).toBe('000000000000' + '000000000002' + '0100' + '11223344');
  });
});

describe('headers that are not whole bytes (p4c adds `_padding` for BMv2)', () => {
  const program = `
header odd_t { bit<8> e; bit<16> t; bit<8> l; bit<8> r; bit<1> v; }
header extra_t { bit<3> x; }
struct headers_t { odd_t odd; extra_t extra; }
struct meta_t { }
parser P(packet_in packet, out headers_t h, inout meta_t m, inout standard_metadata_t sm) {
  state start { packet.extract(h.odd); transition accept; }
}
control V(inout headers_t h, inout meta_t m) { apply { } }
control I(inout headers_t h, inout meta_t m, inout standard_metadata_t sm) {
  apply {
    h.odd.l = h.odd.v ++ 7w0;
    h.extra.setValid();
    h.extra.x = 7;
    sm.egress_spec = 1;
  }
}
control E(inout headers_t h, inout meta_t m, inout standard_metadata_t sm) {
  apply { h.odd.r = (bit<8>) sm.packet_length; }
}
control C(inout headers_t h, inout meta_t m) { apply { } }
control D(packet_out packet, in headers_t h) { apply { packet.emit(h); } }
V1Switch(P(), V(), I(), E(), C(), D()) main;
`;
  it('extracts and emits whole bytes, re-emits extracted padding, zeros for new headers, counts them in packet_length', () => {
    const [output] = load(program).processPacket(0, hex('01 1111 00 00 ff aa'));
    // v = 1 (top bit of 0xff); the 7 padding bits come back as read (BMv2); extra's padding is zeros; 0xaa is payload.
    // packet_length: 7 received + 1 byte for the setValid 3-bit header = 8.
    expect(toHex(output.bytes)).toBe('01' + '1111' + '80' + '08' + 'ff' + 'e0' + 'aa');
  });
});

describe('structs inside headers (P4_16 §7.2.2)', () => {
  it('extracts, looks ahead at and emits the struct members in wire order', () => {
    const sw = load(`
struct pair_t { bit<4> high; bit<12> low; }
header outer_t { bit<8> tag; pair_t pair; bool flag; bit<7> rest; }
struct headers_t { outer_t outer; }
struct meta_t { bit<12> peeked; }
parser P(packet_in packet, out headers_t h, inout meta_t m, inout standard_metadata_t sm) {
  state start { m.peeked = packet.lookahead<outer_t>().pair.low; packet.extract(h.outer); transition accept; }
}
control V(inout headers_t h, inout meta_t m) { apply { } }
control I(inout headers_t h, inout meta_t m, inout standard_metadata_t sm) {
  apply {
    h.outer.pair.high = h.outer.pair.high + 1;
    h.outer.tag = (bit<8>) m.peeked;
    h.outer.flag = !h.outer.flag;
    sm.egress_spec = 1;
  }
}
control E(inout headers_t h, inout meta_t m, inout standard_metadata_t sm) { apply { } }
control C(inout headers_t h, inout meta_t m) { apply { } }
control D(packet_out packet, in headers_t h) { apply { packet.emit(h); } }
V1Switch(P(), V(), I(), E(), C(), D()) main;
`);
    const [output] = sw.processPacket(0, hex('aa 3456 81 99'));
    // high 3 -> 4, low 0x456 -> tag 0x56, flag 1 -> 0, rest 1 kept; 0x99 is payload.
    expect(toHex(output.bytes)).toBe('56' + '4456' + '01' + '99');
  });
});

describe('STF simple_switch_CLI commands on the embedded switch', () => {
  it('applies register_write / register_reset and accepts display-only commands', async () => {
    const result = compileSources({ 'main.p4': `${PRELUDE}
header h_t { bit<8> index; bit<8> value; }
struct headers_t { h_t h; }
struct meta_t { }
parser P(packet_in packet, out headers_t h, inout meta_t m, inout standard_metadata_t sm) {
  state start { packet.extract(h.h); transition accept; }
}
control V(inout headers_t h, inout meta_t m) { apply { } }
control I(inout headers_t h, inout meta_t m, inout standard_metadata_t sm) {
  register<bit<8>>(4) cells;
  apply { cells.read(h.h.value, (bit<32>) h.h.index); sm.egress_spec = 1; }
}
control E(inout headers_t h, inout meta_t m, inout standard_metadata_t sm) { apply { } }
control C(inout headers_t h, inout meta_t m) { apply { } }
control D(packet_out packet, in headers_t h) { apply { packet.emit(h); } }
V1Switch(P(), V(), I(), E(), C(), D()) main;
` }, 'main.p4');
    const info = emitP4Info(result.ir!, new Diagnostics(), {});
    const created = createSwitchStfTarget(result.ir!, info as unknown as Record<string, unknown>);
    if (!created.ok) throw new Error(created.error);
    const report = await runStf(`
register_write I.cells 2 0x7f
register_read cells 2
mirroring_get 1
packet 0 02 00
expect 1 02 7f $
register_reset cells
packet 0 02 00
expect 1 02 00 $
register_write cells 9 1
`, created.target);
    expect(report.failures.map((failure) => failure.message)).toEqual(['direct: register_write: index 9 out of range']);
    expect(report.passed).toBe(2);
  });
});
