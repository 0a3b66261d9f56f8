import { describe, expect, it } from 'vitest';
import { hexBytes, toHex } from '../../src/packet/bytes.js';
import {
  ArpOperation,
  buildArp,
  buildEthernet,
  buildGre,
  buildIcmp,
  buildIpv4,
  buildL2tpv3,
  buildMplsStack,
  decodeArp,
  decodeEthernet,
  decodeGre,
  decodeIpv4,
  decodeIpv6,
  decodeL2tpv3,
  decodeMplsStack,
  decodeTcp,
  decodeUdp,
  EtherType,
  icmpOverIpv4,
  icmpv6OverIpv6,
  IpProtocol,
  ipv4InIpv6,
  ipv6InIpv4,
  TcpFlag,
  tcpOverIpv4,
  tcpOverIpv6,
  udpOverIpv4,
  udpOverIpv6,
} from '../../src/packet/builders/index.js';

// Vectors produced by an independent implementation (Python struct + socket,
// RFC 1071 checksum written separately), then checked both ways here.
const vectors = {
  ethIpv4Udp: '02000000000202000000000108004500002100000000401166ca0a0000010a00000203e807d0000d9c4768656c6c6f',
  ipv6Udp: '60000000000d114020010db800000000000000000000000120010db800000000000000000000000203e807d0000d54d568656c6c6f',
  ipv6TcpSyn: '600000000014064020010db800000000000000000000000120010db80000000000000000000000029c4000b300000001000000005002ffffb7790000',
  ipv4TcpSyn: '45000028000000004006f6ccc0000201c00002029c4000b300000001000000005002ffff8eea0000',
  ipv6Icmpv6: '60000000000c3afffe800000000000000000000000000001ff0200000000000000000000000000018000a35f0001000270696e67',
  icmpEcho: '080006fa1234000170696e67',
  innerIpv4: '4500001c00000000401166cd0a0100010a020001000500060008ebce',
  greWithChecksumKeySequence: 'b00008005810000001020304000000074500001c00000000401166cd0a0100010a020001000500060008ebce',
  ipv4InIpv6: '60000000001c044020010db800000000000000000000000a20010db800000000000000000000000b4500001c00000000401166cd0a0100010a020001000500060008ebce',
};
const hello = new TextEncoder().encode('hello');
const ping = new TextEncoder().encode('ping');
const innerIpv4 = () => udpOverIpv4({ source: '10.1.0.1', destination: '10.2.0.1' }, { sourcePort: 5, destinationPort: 6 });

describe('packet builders: known vectors', () => {
  it('Ethernet + IPv4 + UDP with header and UDP checksums', () => {
    const ip = udpOverIpv4({ source: '10.0.0.1', destination: '10.0.0.2' }, { sourcePort: 1000, destinationPort: 2000 }, hello);
    const frame = buildEthernet({ destination: '02:00:00:00:00:02', source: '02:00:00:00:00:01', etherType: EtherType.ipv4 }, ip);
    expect(toHex(frame)).toBe(vectors.ethIpv4Udp);
  });

  it('IPv4 header matches the RFC 1071 style worked example (192.168.0.1 > 192.168.0.199)', () => {
    const header = buildIpv4({ source: '192.168.0.1', destination: '192.168.0.199', protocol: 17, dontFragment: true }, new Uint8Array(95));
    expect(toHex(header.subarray(0, 20))).toBe('450000730000400040 11b861c0a80001c0a800c7'.replace(' ', ''));
  });

  it('IPv6 + UDP uses the RFC 8200 §8.1 pseudo-header', () => {
    expect(toHex(udpOverIpv6({ source: '2001:db8::1', destination: '2001:db8::2' }, { sourcePort: 1000, destinationPort: 2000 }, hello))).toBe(vectors.ipv6Udp);
  });

  it('TCP SYN over IPv4 and IPv6', () => {
    const tcp = { sourcePort: 40000, destinationPort: 179, sequence: 1, flags: TcpFlag.syn };
    expect(toHex(tcpOverIpv4({ source: '192.0.2.1', destination: '192.0.2.2' }, tcp))).toBe(vectors.ipv4TcpSyn);
    expect(toHex(tcpOverIpv6({ source: '2001:db8::1', destination: '2001:db8::2' }, tcp))).toBe(vectors.ipv6TcpSyn);
  });

  it('ICMP echo and ICMPv6 echo with pseudo-header', () => {
    expect(toHex(buildIcmp({ type: 8, restOfHeader: 0x12340001 }, ping))).toBe(vectors.icmpEcho);
    expect(toHex(icmpv6OverIpv6({ source: 'fe80::1', destination: 'ff02::1', hopLimit: 255 }, { type: 128, restOfHeader: 0x00010002 }, ping))).toBe(vectors.ipv6Icmpv6);
    // An echo request with no data and zero id/seq has the well-known checksum f7ff.
    expect(toHex(buildIcmp({ type: 8 }))).toBe('0800f7ff00000000');
    const icmpPacket = icmpOverIpv4({ source: '10.0.0.1', destination: '10.0.0.2' }, { type: 8 });
    expect(decodeIpv4(icmpPacket).ok && toHex(icmpPacket.subarray(20))).toBe('0800f7ff00000000');
  });

  it('GRE with RFC 2784 checksum and RFC 2890 key and sequence', () => {
    const gre = buildGre({ protocolType: EtherType.ipv4, checksum: true, key: 0x01020304, sequence: 7 }, innerIpv4());
    expect(toHex(gre)).toBe(vectors.greWithChecksumKeySequence);
    const decoded = decodeGre(gre);
    expect(decoded.ok && decoded.value).toMatchObject({ key: 0x01020304, sequence: 7, checksumValid: true, headerLength: 16 });
    expect(toHex(buildGre({ protocolType: EtherType.ipv6 }))).toBe('000086dd');
    expect(toHex(buildGre({ protocolType: EtherType.mplsUnicast, key: 5 }))).toBe('2000884700000005');
  });

  it('GRE with a non-zero version is rejected (RFC 2784 §2.3.1)', () => {
    expect(decodeGre(hexBytes('00010800')).ok).toBe(false);
  });

  it('IPv4-in-IPv6 and IPv6-in-IPv4 nesting', () => {
    expect(toHex(ipv4InIpv6({ source: '2001:db8::a', destination: '2001:db8::b' }, innerIpv4()))).toBe(vectors.ipv4InIpv6);
    const inner6 = udpOverIpv6({ source: '2001:db8::1', destination: '2001:db8::2' }, { sourcePort: 1000, destinationPort: 2000 }, hello);
    const outer = ipv6InIpv4({ source: '192.0.2.1', destination: '192.0.2.2' }, inner6);
    const decoded = decodeIpv4(outer);
    expect(decoded.ok && decoded.value.protocol).toBe(IpProtocol.ipv6);
    expect(decoded.ok && toHex(decoded.value.payload)).toBe(vectors.ipv6Udp);
  });

  it('L2TPv3 over IP with no, 32-bit and 64-bit cookies (RFC 3931 §4.1.1.2)', () => {
    expect(toHex(buildL2tpv3({ sessionId: 0x11223344 }, hexBytes('45')))).toBe('1122334445');
    expect(toHex(buildL2tpv3({ sessionId: 0x11223344, cookie: 0xdeadbeef }))).toBe('11223344deadbeef');
    expect(toHex(buildL2tpv3({ sessionId: 0x11223344, cookie: 0x0102030405060708n }))).toBe('112233440102030405060708');
    const decoded = decodeL2tpv3(hexBytes('11223344010203040506070845'), 8);
    expect(decoded.ok && decoded.value.cookie).toBe(0x0102030405060708n);
    expect(decoded.ok && toHex(decoded.value.payload)).toBe('45');
    expect(decodeL2tpv3(hexBytes('1122334401020304'), 8).ok).toBe(false);
    const control = decodeL2tpv3(hexBytes('00000000c802'), 8);
    expect(control.ok && control.value.control).toBe(true);
  });

  it('MPLS label stack sets bottom-of-stack on the last entry only (RFC 3032 §2.1)', () => {
    const stack = buildMplsStack([{ label: 16, ttl: 255 }, { label: 100, trafficClass: 5 }], hexBytes('45'));
    expect(toHex(stack)).toBe('000100ff00064b4045');
    const decoded = decodeMplsStack(stack);
    expect(decoded.ok && decoded.value.entries).toEqual([
      { label: 16, trafficClass: 0, bottomOfStack: false, ttl: 255 },
      { label: 100, trafficClass: 5, bottomOfStack: true, ttl: 64 },
    ]);
    expect(decodeMplsStack(hexBytes('000100ff')).ok).toBe(false);
  });

  it('ARP request both ways (RFC 826)', () => {
    const arp = buildArp({ operation: ArpOperation.request, senderMac: '02:00:00:00:00:01', senderIp: '10.0.0.1', targetMac: '00:00:00:00:00:00', targetIp: '10.0.0.2' });
    expect(toHex(arp)).toBe('00010800060400010200000000010a0000010000000000000a000002');
    expect(decodeArp(arp)).toEqual({ ok: true, value: { operation: 1, senderMac: '02:00:00:00:00:01', senderIp: '10.0.0.1', targetMac: '00:00:00:00:00:00', targetIp: '10.0.0.2' } });
  });

  it('802.1Q and 802.1ad tags', () => {
    const frame = buildEthernet({
      destination: 'ff:ff:ff:ff:ff:ff', source: '02:00:00:00:00:01', etherType: EtherType.arp,
      vlanTags: [{ tpid: EtherType.serviceVlan, vlanId: 10 }, { vlanId: 100, priority: 3, dropEligible: true }],
    });
    expect(toHex(frame)).toBe('ffffffffffff02000000000188a8000a81007064' + '0806');
    const decoded = decodeEthernet(frame);
    expect(decoded.ok && decoded.value.vlanTags).toEqual([
      { tpid: 0x88a8, priority: 0, dropEligible: false, vlanId: 10 },
      { tpid: 0x8100, priority: 3, dropEligible: true, vlanId: 100 },
    ]);
    expect(decoded.ok && decoded.value.etherType).toBe(EtherType.arp);
  });
});

describe('builder misuse is a programming error', () => {
  it('throws on impossible lengths and malformed literals', () => {
    expect(() => buildIpv4({ source: '10.0.0.1', destination: '10.0.0.2', protocol: 17 }, new Uint8Array(65516))).toThrow('exceeds 65535');
    expect(() => buildIpv4({ source: '10.0.0.1', destination: '10.0.0.2', protocol: 17, options: new Uint8Array(41) })).toThrow('exceed 40');
    expect(() => buildEthernet({ source: 'nonsense', destination: 'ff:ff:ff:ff:ff:ff', etherType: 0x0800 })).toThrow('invalid MAC');
    expect(() => udpOverIpv6({ source: '2001:db8::1', destination: '2001:db8::2' }, { sourcePort: 1, destinationPort: 2 }, new Uint8Array(65528))).toThrow('exceeds 65527');
  });
});

describe('packet decoders: known vectors', () => {
  it('decodes Ethernet/IPv4/UDP fields and validates the header checksum', () => {
    const ethernet = decodeEthernet(hexBytes(vectors.ethIpv4Udp));
    expect(ethernet.ok).toBe(true);
    if (!ethernet.ok) return;
    expect(ethernet.value).toMatchObject({ destination: '02:00:00:00:00:02', source: '02:00:00:00:00:01', etherType: 0x0800 });
    const ip = decodeIpv4(ethernet.value.payload);
    expect(ip.ok && ip.value).toMatchObject({ source: '10.0.0.1', destination: '10.0.0.2', protocol: 17, ttl: 64, totalLength: 33, checksumValid: true });
    const udp = decodeUdp(ip.ok ? ip.value.payload : new Uint8Array());
    expect(udp.ok && udp.value).toMatchObject({ sourcePort: 1000, destinationPort: 2000, length: 13, checksum: 0x9c47 });
  });

  it('flags a corrupted IPv4 header checksum', () => {
    const bad = hexBytes(vectors.innerIpv4);
    bad[8] = 63; // TTL changed without updating the checksum
    const ip = decodeIpv4(bad);
    expect(ip.ok && ip.value.checksumValid).toBe(false);
  });

  it('decodes IPv6 and TCP', () => {
    const ip = decodeIpv6(hexBytes(vectors.ipv6TcpSyn));
    expect(ip.ok && ip.value).toMatchObject({ source: '2001:db8::1', destination: '2001:db8::2', nextHeader: 6, hopLimit: 64, payloadLength: 20 });
    const tcp = decodeTcp(ip.ok ? ip.value.payload : new Uint8Array());
    expect(tcp.ok && tcp.value).toMatchObject({ sourcePort: 40000, destinationPort: 179, sequence: 1, flags: TcpFlag.syn, headerLength: 20 });
  });

  it('returns error values on truncated or wrong-version headers', () => {
    expect(decodeEthernet(hexBytes('0200')).ok).toBe(false);
    expect(decodeIpv4(hexBytes(vectors.innerIpv4).subarray(0, 19)).ok).toBe(false);
    expect(decodeIpv4(hexBytes('6500001c00000000401166cd0a0100010a020001')).ok).toBe(false);
    expect(decodeIpv4(hexBytes('4100001c00000000401166cd0a0100010a020001')).ok).toBe(false);
    expect(decodeIpv6(hexBytes(vectors.ipv6Udp).subarray(0, 39)).ok).toBe(false);
    expect(decodeUdp(hexBytes('0001000200040000')).ok).toBe(false);
    expect(decodeTcp(hexBytes(vectors.ipv4TcpSyn).subarray(20, 30)).ok).toBe(false);
  });
});
