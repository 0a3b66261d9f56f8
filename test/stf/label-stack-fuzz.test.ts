// Property test of RFC 3031 §3.9 in p4/v1model/softmesh.p4: label stacks of
// any depth (1 to 8 entries, more than the three the parser reads) with swap,
// PHP pipe and PHP uniform on top. The expected frame is computed here from
// the label operation alone: only the top entry (and for uniform PHP the entry
// or IP header it exposes) changes, everything below is carried byte for byte;
// a popped bottom label over a non-IP payload is dropped.
//
// Bounded: a fixed seed and 300 cases (well under a second). A failing case
// prints its seed index and frame; add the frame to `regressions` below so it
// stays tested after the fix.

import { beforeAll, describe, expect, it } from 'vitest';
import { Diagnostics } from '../../src/p4c/diagnostics.js';
import { compileFile } from '../../src/p4c/index.js';
import type { IrProgram } from '../../src/p4c/ir.js';
import { emitP4Info } from '../../src/p4c/p4info/index.js';
import { runStf } from '../../src/sim/stf/runner.js';
import { createSwitchStfTarget } from '../../src/sim/stf/switch-target.js';

const program = new URL('../../p4/v1model/softmesh.p4', import.meta.url).pathname;
const CASES = 300;

/** Frames (hex) that once failed; replayed before the random cases. */
const regressions: string[] = [];

let ir: IrProgram;
let p4info: Record<string, unknown>;

beforeAll(() => {
  const compiled = compileFile(program);
  if (!compiled.ir) throw new Error(compiled.diagnostics.map((diagnostic) => diagnostic.message).join('\n'));
  ir = compiled.ir;
  p4info = emitP4Info(ir, new Diagnostics()) as Record<string, unknown>;
});

const SETUP = `
add port_roles meta.ingress_port:2 meta.vlan_id:0 set_port_role(role:2)
add router_macs hdr.ethernet.dst_addr:0x0200000000aa router_mac_hit()
add nexthops meta.nexthop_id:3 set_nexthop(port:3, dst_mac:0x020000000303, src_mac:0x0200000000aa)
add mpls_top_label meta.top_label:100 mpls_swap(label:200, nexthop_id:3)
add mpls_top_label meta.top_label:101 mpls_php(nexthop_id:3, ttl_uniform:0)
add mpls_top_label meta.top_label:102 mpls_php(nexthop_id:3, ttl_uniform:1)
`;

/** xorshift32: deterministic cases from a seed. */
function random(seed: number): (limit: number) => number {
  let state = seed >>> 0 || 1;
  return (limit) => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state % limit;
  };
}

const router = [0x02, 0, 0, 0, 0, 0xaa];
const neighbour2 = [0x02, 0, 0, 0, 0x02, 0x02];
const neighbour3 = [0x02, 0, 0, 0, 0x03, 0x03];

interface Entry {
  label: number;
  trafficClass: number;
  bottom: boolean;
  ttl: number;
}

const entryBytes = (entry: Entry) => {
  const word = entry.label * 4096 + entry.trafficClass * 512 + (entry.bottom ? 256 : 0) + entry.ttl;
  return [(word >>> 24) & 0xff, (word >>> 16) & 0xff, (word >>> 8) & 0xff, word & 0xff];
};

function ipv4Checksum(header: number[]): number {
  let sum = 0;
  for (let i = 0; i < 20; i += 2) if (i !== 10) sum += (header[i] << 8) | header[i + 1];
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return ~sum & 0xffff;
}

type Payload = { kind: 'ipv4' | 'ipv6' | 'other'; bytes: number[] };

function payloadOf(next: (limit: number) => number): Payload {
  const data = Array.from({ length: 8 + next(24) }, () => next(256));
  const choice = next(3);
  if (choice === 0) {
    const header = [0x45, next(256), 0, 20 + data.length, 0x12, 0x34, 0, 0, 1 + next(255), 17, 0, 0, 198, 51, 100, 1, 192, 0, 2, 1];
    const checksum = ipv4Checksum(header);
    header[10] = checksum >> 8;
    header[11] = checksum & 0xff;
    return { kind: 'ipv4', bytes: [...header, ...data] };
  }
  if (choice === 1) {
    const header = [0x60 | next(16), next(256), next(256), next(256), 0, data.length, 17, 1 + next(255), ...Array.from({ length: 32 }, () => next(256))];
    return { kind: 'ipv6', bytes: [...header, ...data] };
  }
  return { kind: 'other', bytes: [0x00, ...data] }; // e.g. a pseudowire control word
}

/** The frame the program must send on port 3, or undefined when it must drop. */
function expected(stack: Entry[], payload: Payload): number[] | undefined {
  const [top, ...below] = stack;
  const frame = (etherType: number, rest: number[]) => [...neighbour3, ...router, etherType >> 8, etherType & 0xff, ...rest];
  if (top.label === 100) {
    // RFC 3032 §2.4.1 swap: new label, TTL - 1, TC and bottom-of-stack kept.
    return frame(0x8847, [...entryBytes({ ...top, label: 200, ttl: top.ttl - 1 }), ...below.flatMap(entryBytes), ...payload.bytes]);
  }
  const uniform = top.label === 102;
  if (below.length > 0) {
    const exposed = uniform ? { ...below[0], ttl: top.ttl - 1, trafficClass: top.trafficClass } : below[0];
    return frame(0x8847, [...entryBytes(exposed), ...below.slice(1).flatMap(entryBytes), ...payload.bytes]);
  }
  if (payload.kind === 'other') return undefined; // RFC 3032 §2.2: no IP Ethernet type to give it
  const bytes = [...payload.bytes];
  if (uniform && payload.kind === 'ipv4') {
    bytes[8] = top.ttl - 1;
    const checksum = ipv4Checksum(bytes);
    bytes[10] = checksum >> 8;
    bytes[11] = checksum & 0xff;
  } else if (uniform) {
    bytes[7] = top.ttl - 1;
  }
  return frame(payload.kind === 'ipv4' ? 0x0800 : 0x86dd, bytes);
}

function caseOf(seed: number): { frame: number[]; want: number[] | undefined } {
  const next = random(seed * 2654435761);
  const depth = 1 + next(8);
  const stack: Entry[] = Array.from({ length: depth }, (_, i) => ({
    label: i === 0 ? 100 + next(3) : 16 + next(0xfffff - 16),
    trafficClass: next(8),
    bottom: i === depth - 1,
    ttl: 2 + next(254),
  }));
  const payload = payloadOf(next);
  const frame = [...router, ...neighbour2, 0x88, 0x47, ...stack.flatMap(entryBytes), ...payload.bytes];
  return { frame, want: expected(stack, payload) };
}

const hex = (bytes: ArrayLike<number>) => Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');

describe('label stacks of any depth (RFC 3031 §3.9)', () => {
  it(`swap and PHP rewrite only the top in ${CASES} random stacks of 1-8 labels`, async () => {
    const created = createSwitchStfTarget(ir, p4info, { cpuPort: 510 });
    if (!created.ok) throw new Error(created.error);
    const report = await runStf(SETUP, created.target);
    expect(report.failures, report.text).toEqual([]);
    const device = created.device;

    for (const frame of regressions) {
      const outputs = device.process(2, Uint8Array.from(Buffer.from(frame, 'hex')));
      expect(outputs.errors, frame).toEqual([]);
    }
    let forwarded = 0;
    for (let seed = 1; seed <= CASES; seed++) {
      const { frame, want } = caseOf(seed);
      const result = device.process(2, Uint8Array.from(frame));
      const context = `case ${seed}: ${hex(frame)}`;
      expect(result.errors, context).toEqual([]);
      expect(result.outputs.map((output) => [output.port, hex(output.bytes)]), context).toEqual(want ? [[3, hex(want)]] : []);
      if (want) forwarded++;
    }
    // The generator must mostly produce forwardable stacks, or the property proves little.
    expect(forwarded).toBeGreaterThan(CASES * 0.8);
  });
});
