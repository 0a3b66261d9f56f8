// `softmesh start`: the demo runs end to end over P4Runtime and its output
// shows what an operator needs to see — encapsulations, labels, replicas,
// drops by reason, the PacketIn, and counters read back.

import { describe, expect, it } from 'vitest';
import { runDemo } from '../../src/demo/run.js';
import { formatTable } from '../../src/demo/report.js';
import { demoPackets } from '../../src/demo/scenario.js';

describe('softmesh start (data-plane demo)', () => {
  it('programs the switch over P4Runtime, forwards every packet as expected and exits 0', async () => {
    const lines: string[] = [];
    const code = await runDemo({ write: (line) => lines.push(line) });
    const text = lines.join('\n');
    expect(code, text).toBe(0);
    expect(text).not.toContain('UNEXPECTED');
    expect(lines[0]).toMatch(/^softmesh demo: embedded switch, controlled over P4Runtime at 127\.0\.0\.1:\d+$/);
    // Softwires: 4in6 (next header 4), 6in4 (protocol 41), GRE with key, L2TPv3 with cookie.
    expect(text).toMatch(/out  port 2  eth \S+ ipv6 2001:db8:ffff::1>2001:db8:ffff::2 nh=4 hlim=63 \| ipv4 192\.0\.2\.1>198\.51\.100\.1/);
    expect(text).toMatch(/out  port 2  eth \S+ ipv4 203\.0\.113\.1>203\.0\.113\.2 proto=41 ttl=63 \| ipv6 2001:db8:1::1>2001:db8:2::1/);
    expect(text).toMatch(/proto=47 ttl=64 gre proto=0x0800 key=16909060 \| ipv4 192\.0\.2\.7>100\.64\.0\.1/);
    expect(text).toMatch(/out  port 2 .* nh=115 hlim=63 l2tpv3 session=2147483665 cookie=0x0102030405060708 \| ipv6/);
    // Decapsulation admitted, and the two drops by reason.
    expect(text).toMatch(/out  port 1  eth 02:00:00:00:00:aa>02:00:00:00:01:01 ipv4 198\.51\.100\.1>192\.0\.2\.1 proto=17 ttl=59/);
    expect(text).toContain('drop ingress bad cookie (8)');
    expect(text).toContain('drop ingress unauthorised source (7)');
    expect(text).toContain('drop ingress unknown label (10)');
    // MPLS swap and PHP; P2MP branch (two labels) and bud (label + local IP copy).
    expect(text).toMatch(/out  port 3 .* mpls \[200 ttl=63 s\]/);
    for (const label of [501, 502, 601]) expect(text).toMatch(new RegExp(`mpls \\[${label} ttl=63 s\\]`));
    expect(text).toMatch(/out  port 1  eth 02:00:00:00:00:aa>01:00:5e:01:01:01 ipv4 10\.0\.0\.1>232\.1\.1\.1 proto=17 ttl=49/);
    expect(text).toMatch(/cpu  PacketIn arp \(1\), ingress port 1  eth 02:00:00:00:01:01>ff:ff:ff:ff:ff:ff arp who-has/);
    expect(text).toMatch(/PacketOut from the controller to port 4[^\n]*\n\s+out  port 4 /);
    // Counters read back over P4Runtime, in aligned columns.
    expect(text).toMatch(/^ {2}softwire_counter {6}tunnel 10 +1 +\d+$/m);
    expect(text).toMatch(/^ {2}top_label_counter +label 500 +1 +54$/m);
    expect(text).toMatch(/^ {2}ingress_drop_counter +bad cookie \(8\) +1 +\d+$/m);
    expect(text).toMatch(/^ {2}port_rx_counter +port 2 +9 +\d+$/m);
    expect(lines.at(-1)).toMatch(/^done in \d+\.\d s$/);
  }, 20_000);

  it('says UNEXPECTED and exits 1 when a packet does not do what the scenario expects', async () => {
    const lines: string[] = [];
    const wrong = { ...demoPackets[0], title: 'expected on the wrong port', expect: { ports: [3] } };
    const code = await runDemo({ packets: [wrong], write: (line) => lines.push(line) });
    expect(code).toBe(1);
    expect(lines).toContain('    UNEXPECTED: the scenario expects {"ports":[3]}');
    expect(lines).toContain('1 packet(s) did not do what the scenario expects');
  }, 20_000);

  it('reports a program that does not exist as a failure, not an exception', async () => {
    const lines: string[] = [];
    const code = await runDemo({ programFile: '/nonexistent/softmesh.p4', write: (line) => lines.push(line) });
    expect(code).toBe(1);
    expect(lines.join('\n')).toContain('cannot read /nonexistent/softmesh.p4');
  });
});

describe('formatTable', () => {
  it('aligns text left and numbers right under a rule', () => {
    expect(formatTable(['name', 'n'], [['a', '5'], ['long', '1,200']])).toEqual([
      'name      n', // a numeric column's heading sits over the digits
      '----  -----',
      'a         5',
      'long  1,200',
    ]);
  });
});
