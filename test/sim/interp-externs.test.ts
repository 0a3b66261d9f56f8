import { describe, expect, it } from 'vitest';
import { addEntry, hex, load } from './interp-support.js';
import { CRC16_CUSTOM_DEFAULT, crc16, makeCrc } from '../../src/sim/externs/hash.js';

const PROGRAM = `
header eth_t { bit<48> dst; bit<48> src; bit<16> etherType; }
header r_t { bit<8> color; bit<8> directColor; bit<8> random; bit<8> flag; bit<48> timestamp; bit<16> crc; }
struct headers { r_t r; eth_t eth; }
struct metadata { bit<8> color; }
parser P(packet_in packet, out headers hdr, inout metadata meta, inout standard_metadata_t sm) {
  value_set<bit<16>>(4) special_types;
  state start {
    packet.extract(hdr.eth);
    transition select(hdr.eth.etherType) { special_types: skip; default: accept; }
  }
  state skip { packet.advance(16); transition accept; }
}
control V(inout headers hdr, inout metadata meta) { apply { } }
control I(inout headers hdr, inout metadata meta, inout standard_metadata_t sm) {
  meter<bit<32>>(2, MeterType.packets) rate;
  direct_meter<bit<8>>(MeterType.packets) policer;
  action police() { policer.read(hdr.r.directColor); }
  table limits { key = { hdr.eth.src: exact; } actions = { police; NoAction; } meters = policer; default_action = NoAction(); }
  apply {
    hdr.r.setValid();
    sm.egress_spec = 1;
    rate.execute_meter(0, hdr.r.color);
    limits.apply();
    random(hdr.r.random, 8w10, 8w20);
    hdr.r.timestamp = sm.ingress_global_timestamp;
    hash(hdr.r.crc, HashAlgorithm.crc16_custom, 16w0, { hdr.eth.src }, 32w65536);
    log_msg("port {} type {}", { sm.ingress_port, hdr.eth.etherType });
    if (hdr.eth.etherType == 0xdead) { assert(false); }
    if (hdr.eth.etherType == 0xbeef) { assume(hdr.eth.src == 0); }
  }
}
control E(inout headers hdr, inout metadata meta, inout standard_metadata_t sm) { apply { } }
control C(inout headers hdr, inout metadata meta) { apply { } }
control D(packet_out packet, in headers hdr) { apply { packet.emit(hdr.r); packet.emit(hdr.eth); } }
V1Switch(P(), V(), I(), E(), C(), D()) main;
`;

const packet = (type: string, rest = '') => hex(`0000000000aa 000000000001 ${type} ${rest}`);

describe('v1model externs in the pipeline', () => {
  it('indexed meter marks by RFC 2698 with the switch clock; unconfigured is GREEN', () => {
    let now = 0n;
    const sw = load(PROGRAM, { clock: () => now });
    const meterId = sw.ids.meter.get('I.rate')!;
    const colors = () => sw.processPacket(1, packet('0800'))[0].bytes[0];
    expect(colors()).toBe(0);
    sw.meter(meterId)!.configure(0, { cir: 1n, cburst: 1n, pir: 2n, pburst: 2n });
    now = 1_000_000_000n;
    expect([colors(), colors(), colors()]).toEqual([0, 1, 2]);
  });
  it('direct meter: read() gives the colour of the hit entry', () => {
    const sw = load(PROGRAM, { clock: () => 0n });
    addEntry(sw, 'I.limits', [{ kind: 'exact', value: 1n }], 'I.police');
    const table = sw.tableByName('I.limits')!;
    const [entry] = [...table.entries()];
    entry.meterConfig = { cir: 0n, cburst: 0n, pir: 1n, pburst: 1n };
    const directColor = () => sw.processPacket(1, packet('0800'))[0].bytes[1];
    expect([directColor(), directColor()]).toEqual([1, 2]);
  });
  it('random stays in [lo, hi]; timestamps are microseconds since start', () => {
    const sw = load(PROGRAM, { clock: () => 7_000n * 1000n, randomSeed: 3 });
    for (let i = 0; i < 20; i++) {
      const bytes = sw.processPacket(1, packet('0800'))[0].bytes;
      expect(bytes[2]).toBeGreaterThanOrEqual(10);
      expect(bytes[2]).toBeLessThanOrEqual(20);
      expect(Number(new DataView(bytes.buffer, bytes.byteOffset).getUint32(6))).toBe(7000);
    }
  });
  it('parser value sets are written by the control plane; advance skips bits', () => {
    const sw = load(PROGRAM);
    const valueSetId = [...sw.ids.valueSet.values()][0];
    const plain = sw.processPacket(1, packet('1234', 'abcd'))[0].bytes;
    expect(plain.length).toBe(12 + 14 + 2);
    expect(sw.writeValueSet(valueSetId, [[{ kind: 'exact', value: 0x1234n }]])).toBe(true);
    expect(sw.valueSetMembers(valueSetId)).toHaveLength(1);
    // As in BMv2 the advanced-over bytes are consumed: neither a header nor payload.
    const skipped = sw.processPacket(1, packet('1234', 'abcd'))[0].bytes;
    expect(skipped.length).toBe(12 + 14);
    expect(sw.writeValueSet(12345, [])).toBe(false);
  });
  it('crc16_custom uses the parameters set by the control plane (BMv2 defaults first)', () => {
    const sw = load(PROGRAM);
    const source = hex('000000000001');
    const crc = () => {
      const bytes = sw.processPacket(1, packet('0800'))[0].bytes;
      return (bytes[10] << 8) | bytes[11];
    };
    expect(crc()).toBe(crc16(source));
    const xmodem = { ...CRC16_CUSTOM_DEFAULT, polynomial: 0x1021n, dataReflected: false, remainderReflected: false };
    sw.setCrcParameters('crc16_custom', xmodem);
    expect(crc()).toBe(Number(makeCrc(xmodem)(source)));
    sw.setCrcParameters('crc16_custom', undefined);
    expect(crc()).toBe(crc16(source));
  });
  it('log_msg formats its arguments; failed assert/assume drop the packet and report', () => {
    const sw = load(PROGRAM);
    const messages: string[] = [];
    sw.onLog = (m) => messages.push(m);
    sw.processPacket(3, packet('0800'));
    expect(messages).toEqual(['port 3 type 2048']);
    const failed = sw.process(1, packet('dead'));
    expect(failed.outputs).toEqual([]);
    expect(failed.errors[0]).toMatch(/^assert failed at .*main.p4:/);
    expect(sw.process(1, packet('beef')).errors[0]).toMatch(/^assume failed/);
  });
});
