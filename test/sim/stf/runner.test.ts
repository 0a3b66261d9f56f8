import { describe, expect, it } from 'vitest';
import { runStf, runStfFile } from '../../../src/sim/stf/index.js';
import { FakeTarget } from './fake-target.js';

// Frames: destination MAC first; 0x0800 frames carry an IPv4 destination at byte 30.
const toB = '000000000002 000000000001 88b5 0102030405';
const toC = '000000000003 000000000001 88b5 0a0b';
const ipv4To = (address: string) => `000000000002 000000000001 0800 4500001c00000000401100000a000001 ${address} 0000`;

const setup = `
# forward by destination MAC
add forward hdr.ethernet.dstAddr:0x000000000002 set_port(port:2) = B
add MyIngress.forward dstAddr:0x000000000003 MyIngress.set_port(port:3)
`;

describe('STF runner with a fake target', () => {
  it('passes when outputs match per port and in order, with * and $', async () => {
    const report = await runStf(`${setup}
packet 1 ${toB}
expect 2 ${toB}
packet 1 ${toC}
expect 3 000000000003 ****00000001 88B5 0A0B $
packet 1 ${toB}
expect 2 000000000002   # a prefix is enough without $
`, new FakeTarget());
    expect(report.failures).toEqual([]);
    expect(report.text.split('\n').at(-1)).toBe('3 passed, 0 failed');
  });

  it('reports wrong bytes with expected vs got, too short, too long and missing packets', async () => {
    const report = await runStf(`${setup}
packet 1 ${toB}
expect 2 000000000002 000000000001 88b5 01020304FF
packet 1 ${toC}
expect 3 000000000003 000000000001 88b5 0a0b 0c
packet 1 ${toC}
expect 3 000000000003 000000000001 88b5 0a$
expect 4 00
`, new FakeTarget());
    expect(report.failed).toBe(4);
    expect(report.passed).toBe(0);
    expect(report.failures[0]).toMatchObject({
      line: 7,
      message: 'packet #1 on port 2: packet different at hex digit 36: expected F, received 0',
      expected: '00000000000200000000000188B501020304FF',
      got: '00000000000200000000000188B50102030405',
    });
    expect(report.failures[1].message).toContain('too short');
    expect(report.failures[2].message).toContain('too long');
    expect(report.failures[3].message).toBe('expected packet #1 on port 4 not received');
    expect(report.text).toContain('  expected: 00000000000200000000000188B501020304FF');
    expect(report.text.split('\n').at(-1)).toBe('0 passed, 4 failed');
  });

  it('fails on packets nobody expected, and a bare "expect PORT" accepts any', async () => {
    // Port 2 is named by the `packet 2` line (whose frame goes to port 3), so its output is checked.
    const unexpected = await runStf(`${setup}\npacket 2 ${toC}\npacket 1 ${toB}\npacket 1 ${toC}\nexpect 3\n`, new FakeTarget());
    expect(unexpected.failed).toBe(1);
    expect(unexpected.failures[0].message).toBe('unexpected packet #1 on port 2 (expected 0)');
    expect(unexpected.text).toContain('FAIL end: unexpected packet #1 on port 2');
  });

  it('does not observe ports no packet or expect line names (bmv2stf opens no interface for them)', async () => {
    const report = await runStf(`${setup}\npacket 1 ${toB}\npacket 1 ${toC}\nexpect 3 ${toC}\n`, new FakeTarget());
    expect(report.failures).toEqual([]);
    expect(report.passed).toBe(1);
    const strict = await runStf(`${setup}\npacket 1 ${toB}\npacket 1 ${toC}\nexpect 3 ${toC}\n`, new FakeTarget(), { strictPorts: true });
    expect(strict.failures.map((failure) => failure.message)).toEqual(['unexpected packet #1 on port 2 (expected 0)']);
  });

  it('checks no_packet against the previous packet', async () => {
    const report = await runStf(`${setup}
add acl 10 hdr.ipv4.dstAddr:0x0a000002&&&0xffffffff hdr.ipv4.$valid$:1 drop()
packet 1 ${ipv4To('0a000002')}
no_packet
packet 1 ${ipv4To('0a000003')}
no_packet
expect 2 ${ipv4To('0a000003')}
`, new FakeTarget());
    expect(report.passed).toBe(2);
    expect(report.failures.map((failure) => [failure.line, failure.message])).toEqual([
      [10, 'no_packet: the previous packet produced 1 output packet(s)'],
    ]);
  });

  it('ternary priorities: the larger STF priority wins', async () => {
    const report = await runStf(`${setup}
add acl 1 hdr.ipv4.dstAddr:0x0a0000** hdr.ipv4.$valid$:1 drop()
add acl 5 hdr.ipv4.dstAddr:0x0a000007 hdr.ipv4.$valid$:1 NoAction()
packet 1 ${ipv4To('0a000007')}
expect 2 ${ipv4To('0a000007')}
packet 1 ${ipv4To('0a000008')}
no_packet
`, new FakeTarget());
    expect(report.failures).toEqual([]);
    expect(report.passed).toBe(2);
  });

  it('check_counter by index and by entry handle, with comparisons', async () => {
    const report = await runStf(`${setup}
packet 1 ${toB}
packet 1 ${toB}
packet 4 ${toC}
expect 2
expect 3
check_counter port_counter(1) packets == 2
check_counter port_counter(1) bytes == 38
check_counter port_counter(4) packets >= 1
check_counter port_counter(7)
check_counter forward_counter($B) packets == 2
check_counter forward_counter(B) bytes != 38
check_counter port_counter(1) packets < 2
check_counter nosuch(1)
check_counter forward_counter($Z)
`, new FakeTarget());
    expect(report.passed).toBe(5);
    expect(report.failures.map((failure) => failure.message)).toEqual([
      'check_counter forward_counter: bytes is 38, expected != 38',
      'check_counter port_counter: packets is 2, expected < 2',
      'check_counter nosuch: no counter named "nosuch"',
      'check_counter: no entry was added with handle "Z"',
    ]);
  });

  it('multicast groups with BMv2 node handles, and mirroring', async () => {
    const target = new FakeTarget();
    const report = await runStf(`
mc_mgrp_create 1
mc_node_create 0 2 3
mc_node_create 7 4
mc_node_associate 1 0
mc_node_associate 1 1
add forward dstAddr:0x000000000009 multicast(group:1)
mirroring_add 1 5
packet 0 000000000009 000000000001 88b5
expect 2 000000000009
expect 3 000000000009
expect 4 000000000009
packet 0 cc0000000009 000000000001 88b5
expect 5 cc0000000009
mc_node_associate 9 0
mirroring_delete 4
`, target);
    expect(target.log).toEqual(['group 1: ', 'group 1: 2/0 3/0', 'group 1: 2/0 3/0 4/7']);
    expect(report.failures.map((failure) => failure.message)).toEqual([
      'mc_node_associate: no group 9',
      'mirroring_delete: no clone session 4',
    ]);
    expect(report.passed).toBe(4);
  });

  it('control-plane rejections, parse errors and remove', async () => {
    const report = await runStf(`
add nosuch_table k:1 a()
add forward hdr.ethernet.dstAddr:0x000000000002 set_port(port:512)
add forward hdr.ethernet.dstAddr:0x000000000002 set_port(prt:2)
add lpm meta.ports$0:1->5 NoAction()
bogus command
packet 1 zz
add forward hdr.ethernet.dstAddr:0x000000000002 set_port(port:2)
remove forward hdr.ethernet.dstAddr:0x000000000002
packet 1 ${toB}
remove all
`, new FakeTarget());
    expect(report.failures.map((failure) => `${failure.line}: ${failure.message}`)).toEqual([
      '2: add: no table named "nosuch_table"',
      '3: add: parameter port value 512 does not fit in 9 bits',
      '4: add: action MyIngress.set_port: parameter port missing',
      '6: parse error: unknown STF command "bogus"',
      '7: parse error: packet data: invalid hex character',
    ]);
    expect(report.text.split('\n').at(-1)).toBe('0 passed, 5 failed');
  });

  it('runStfFile reports an unreadable file as a failure', async () => {
    const report = await runStfFile('/nonexistent/softmesh.stf', new FakeTarget());
    expect(report.failed).toBe(1);
    expect(report.text).toMatch(/^FAIL line 0: cannot read \/nonexistent\/softmesh.stf/);
    expect(report.text.split('\n').at(-1)).toBe('0 passed, 1 failed');
  });
});
