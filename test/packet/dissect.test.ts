import { describe, expect, it } from 'vitest';
import { hexBytes } from '../../src/packet/bytes.js';
import {
  ArpOperation,
  buildArp,
  buildEthernet,
  buildGre,
  buildIpv4,
  buildIpv6,
  buildL2tpv3,
  buildMplsStack,
  dissect,
  dissectIp,
  EtherType,
  IpProtocol,
  ipv4InIpv6,
  TcpFlag,
  tcpOverIpv4,
  udpOverIpv4,
  udpOverIpv6,
  icmpOverIpv4,
  icmpv6OverIpv6,
} from '../../src/packet/builders/index.js';

const a = '02:00:00:00:00:01';
const b = '02:00:00:00:00:02';
const frame = (etherType: number, payload: Uint8Array) => buildEthernet({ source: a, destination: b, etherType }, payload);
const inner4 = () => udpOverIpv4({ source: '10.0.0.1', destination: '10.0.0.2' }, { sourcePort: 1000, destinationPort: 2000 }, hexBytes('00'));

describe('dissector summaries', () => {
  it('IPv4 in IPv6 (softwire mesh E-IP v4 over I-IP v6)', () => {
    const packet = frame(EtherType.ipv6, ipv4InIpv6({ source: '2001:db8::1', destination: '2001:db8::2' }, inner4()));
    expect(dissect(packet).summary).toBe(
      'eth 02:00:00:00:00:01>02:00:00:00:00:02 ipv6 2001:db8::1>2001:db8::2 nh=4 hlim=64 | ipv4 10.0.0.1>10.0.0.2 proto=17 ttl=64 udp 1000>2000 len=9 payload=1B',
    );
  });

  it('GRE with key, MPLS stack, L2TPv3 with cookie', () => {
    const gre = buildIpv4({ source: '192.0.2.1', destination: '192.0.2.2', protocol: IpProtocol.gre }, buildGre({ protocolType: EtherType.ipv4, key: 9 }, inner4()));
    expect(dissect(frame(EtherType.ipv4, gre)).summary).toBe(
      'eth 02:00:00:00:00:01>02:00:00:00:00:02 ipv4 192.0.2.1>192.0.2.2 proto=47 ttl=64 gre proto=0x0800 key=9 | ipv4 10.0.0.1>10.0.0.2 proto=17 ttl=64 udp 1000>2000 len=9 payload=1B',
    );
    const mpls = frame(EtherType.mplsUnicast, buildMplsStack([{ label: 16, ttl: 255 }, { label: 100 }], inner4()));
    expect(dissect(mpls).summary).toContain('mpls [16 ttl=255] [100 ttl=64 s] | ipv4 10.0.0.1>10.0.0.2');
    const l2tp = buildIpv6({ source: '2001:db8::1', destination: '2001:db8::2', nextHeader: IpProtocol.l2tp }, buildL2tpv3({ sessionId: 7, cookie: 0x0102030405060708n }, inner4()));
    expect(dissect(frame(EtherType.ipv6, l2tp), { l2tpv3CookieLength: 8 }).summary).toContain('l2tpv3 session=7 cookie=0x0102030405060708 | ipv4 10.0.0.1>10.0.0.2');
    expect(dissect(frame(EtherType.ipv6, l2tp)).summary).toContain('l2tpv3 session=7 cookie=0x0102030405060708 | ipv4');
  });

  it('ARP, TCP flags, VLAN, unknown EtherType', () => {
    const arp = buildArp({ operation: ArpOperation.request, senderMac: a, senderIp: '10.0.0.1', targetMac: '00:00:00:00:00:00', targetIp: '10.0.0.2' });
    expect(dissect(frame(EtherType.arp, arp)).summary).toBe('eth 02:00:00:00:00:01>02:00:00:00:00:02 arp who-has 10.0.0.2 tell 10.0.0.1');
    const syn = tcpOverIpv4({ source: '10.0.0.1', destination: '10.0.0.2' }, { sourcePort: 1, destinationPort: 179, flags: TcpFlag.syn | TcpFlag.ack });
    expect(dissect(frame(EtherType.ipv4, syn)).summary).toContain('tcp 1>179 flags=SA seq=0');
    const tagged = buildEthernet({ source: a, destination: b, etherType: 0x88b5, vlanTags: [{ vlanId: 100 }] }, hexBytes('0102'));
    expect(dissect(tagged).summary).toBe('eth 02:00:00:00:00:01>02:00:00:00:00:02 vlan=100 type=0x88b5 payload=2B');
  });

  it('marks bad checksums', () => {
    const packet = udpOverIpv6({ source: '2001:db8::1', destination: '2001:db8::2' }, { sourcePort: 1, destinationPort: 2 }, hexBytes('00'));
    packet[packet.length - 1] = 1;
    expect(dissectIp(packet).summary).toContain('udp 1>2 len=9 badsum');
    const ip = inner4();
    ip[8] = 1;
    expect(dissectIp(ip).summary).toContain('ttl=1 badsum');
  });

  it('walks IPv6 extension headers and stops at non-first fragments', () => {
    const udp = udpOverIpv6({ source: '2001:db8::1', destination: '2001:db8::2' }, { sourcePort: 1, destinationPort: 2 }).subarray(40);
    // Hop-by-hop (next header 44, length 0, PadN) then fragment header (next header 17, offset 0, M set).
    const extensions = hexBytes('2c00010400000000' + '1100000100000001');
    const first = buildIpv6({ source: '2001:db8::1', destination: '2001:db8::2', nextHeader: 0 }, Uint8Array.from([...extensions, ...udp]));
    expect(dissectIp(first).summary).toBe('ipv6 2001:db8::1>2001:db8::2 nh=0 hlim=64 ext=0 frag=0+ udp 1>2 len=8');
    const later = buildIpv6({ source: '2001:db8::1', destination: '2001:db8::2', nextHeader: 44 }, hexBytes('1100005000000001' + 'aabb'));
    expect(dissectIp(later).summary).toBe('ipv6 2001:db8::1>2001:db8::2 nh=44 hlim=64 frag=80 payload=2B');
    const truncated = buildIpv6({ source: '2001:db8::1', destination: '2001:db8::2', nextHeader: 60 }, hexBytes('1101000000000000'));
    expect(dissectIp(truncated).error).toBe('ipv6: truncated extension header');
  });

  it('checks ICMP and ICMPv6 checksums', () => {
    const echo = icmpv6OverIpv6({ source: 'fe80::1', destination: 'ff02::1' }, { type: 128 });
    expect(dissectIp(echo).summary).toBe('ipv6 fe80::1>ff02::1 nh=58 hlim=64 icmpv6 type=128 code=0');
    echo[echo.length - 1] ^= 1;
    expect(dissectIp(echo).summary).toContain('icmpv6 type=128 code=0 badsum');
    const ping = icmpOverIpv4({ source: '10.0.0.1', destination: '10.0.0.2' }, { type: 8, checksum: 0 });
    expect(dissectIp(ping).summary).toBe('ipv4 10.0.0.1>10.0.0.2 proto=1 ttl=64 icmp type=8 code=0 badsum');
  });

  it('ends with an error entry on truncation instead of throwing', () => {
    const packet = frame(EtherType.ipv4, inner4().subarray(0, 10));
    const result = dissect(packet);
    expect(result.error).toBe('ipv4: truncated header');
    expect(result.summary).toBe('eth 02:00:00:00:00:01>02:00:00:00:00:02 !ipv4: truncated header');
    expect(dissect(new Uint8Array(3)).error).toContain('too short');
  });
});
