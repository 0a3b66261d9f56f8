// The benchmarks' workloads (bench/_dataplane.ts) still do what their names
// say: each setup vector runs green, and the timed packet is forwarded with
// the expected number of copies and headers. Keeps `npm run bench` from
// silently timing drops.

import { describe, expect, it } from 'vitest';
import { runWorkload, workloads } from '../../bench/_dataplane.js';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

describe('data-plane benchmark workloads', () => {
  it('are the five the benchmarks name', () => {
    expect(Object.keys(workloads).sort()).toEqual(['decap-6in4', 'encap-4in6', 'gre-key', 'mpls-swap', 'p2mp-8']);
  });

  it('encap-4in6: one IPv6 packet, next header 4, to the core', async () => {
    const [output] = runWorkload('encap-4in6', await workloads['encap-4in6'](), 20);
    expect(output.port).toBe(2);
    expect(hex(output.bytes.subarray(12, 14))).toBe('86dd');
    expect(output.bytes[14 + 6]).toBe(4);
  });

  it('decap-6in4: the inner IPv6 packet alone, to the client port', async () => {
    const [output] = runWorkload('decap-6in4', await workloads['decap-6in4'](), 20);
    expect(output.port).toBe(1);
    expect(hex(output.bytes.subarray(12, 15))).toBe('86dd60');
  });

  it('gre-key: IPv4 protocol 47 with the key bit and key 0x01020304', async () => {
    const [output] = runWorkload('gre-key', await workloads['gre-key'](), 20);
    expect(output.bytes[14 + 9]).toBe(47);
    expect(hex(output.bytes.subarray(34, 42))).toBe('200086dd01020304');
  });

  it('mpls-swap: label 200 on top', async () => {
    const [output] = runWorkload('mpls-swap', await workloads['mpls-swap'](), 20);
    expect(output.port).toBe(3);
    expect(Buffer.from(output.bytes).readUInt32BE(14) >>> 12).toBe(200);
  });

  it('p2mp-8: 8 copies on ports 3-10 with labels 501-508', async () => {
    const outputs = runWorkload('p2mp-8', await workloads['p2mp-8'](), 20);
    const labels = outputs.map((output) => [output.port, Buffer.from(output.bytes).readUInt32BE(14) >>> 12]).sort((left, right) => left[0] - right[0]);
    expect(labels).toEqual([3, 4, 5, 6, 7, 8, 9, 10].map((port) => [port, 498 + port]));
  });
});
