// The builders reproduce, byte for byte, packets of the project's data-plane
// vectors (test/stf/encap_gre.stf, encap_l2tpv3.stf, mpls_lsr.stf), which were
// written independently: checksums, lengths and nesting must all agree.

import { describe, expect, it } from 'vitest';
import { toHex } from '../../src/packet/bytes.js';
import {
  buildEthernet,
  buildGre,
  buildIpv4,
  buildIpv6,
  buildL2tpv3,
  buildMplsStack,
  buildUdp,
  EtherType,
  IpProtocol,
  ipv6Bytes,
  udpOverIpv4,
} from '../../src/packet/builders/index.js';

const softmesh = new TextEncoder().encode('softmesh');
const routerMac = '02:00:00:00:00:aa';
const hex = (bytes: Uint8Array) => toHex(bytes).toUpperCase();

/** IPv6 UDP 1000 > 2000 with a zero checksum, as the vectors carry it. */
function eipIpv6(hopLimit: number): Uint8Array {
  const source = '2001:db8:1::1';
  const destination = '2001:db8:2::1';
  const udp = buildUdp({ sourcePort: 1000, destinationPort: 2000, checksum: 0 }, softmesh, { source: ipv6Bytes(source), destination: ipv6Bytes(destination) });
  return buildIpv6({ source, destination, nextHeader: IpProtocol.udp, hopLimit }, udp);
}

/** IPv4 UDP 1000 > 2000, identification 0x1234, without a UDP checksum. */
function eipIpv4(ttl: number): Uint8Array {
  return udpOverIpv4({ source: '192.0.2.1', destination: '198.51.100.1', ttl, identification: 0x1234 }, { sourcePort: 1000, destinationPort: 2000, checksum: 0 }, softmesh);
}

describe('builders reproduce the softwire data-plane vectors', () => {
  it('encap_gre.stf: IPv6 in GRE (key) over IPv4, DF set', () => {
    const input = buildEthernet({ destination: routerMac, source: '02:00:00:00:01:01', etherType: EtherType.ipv6 }, eipIpv6(64));
    expect(hex(input)).toBe('0200000000AA02000000010186DD600000000010114020010DB800010000000000000000000120010DB800020000000000000000000103E807D000100000736F66746D657368');
    const gre = buildGre({ protocolType: EtherType.ipv6, key: 0x01020304 }, eipIpv6(63));
    const outer = buildIpv4({ source: '203.0.113.1', destination: '203.0.113.2', protocol: IpProtocol.gre, ttl: 64, dontFragment: true }, gre);
    const output = buildEthernet({ destination: '02:00:00:00:02:02', source: routerMac, etherType: EtherType.ipv4 }, outer);
    expect(hex(output)).toBe(
      '0200000002020200000000AA08004500005400004000402FC276CB007101CB007102200086DD01020304600000000010113F20010DB800010000000000000000000120010DB800020000000000000000000103E807D000100000736F66746D657368',
    );
  });

  it('encap_l2tpv3.stf: IPv4 in L2TPv3 (64-bit cookie) over IPv6', () => {
    const input = buildEthernet({ destination: routerMac, source: '02:00:00:00:01:01', etherType: EtherType.ipv4 }, eipIpv4(64));
    expect(hex(input)).toBe('0200000000AA0200000001010800450000241234000040117C5FC0000201C633640103E807D000100000736F66746D657368');
    const session = buildL2tpv3({ sessionId: 0x80000011, cookie: 0x0102030405060708n }, eipIpv4(63));
    const outer = buildIpv6({ source: '2001:db8:ffff::1', destination: '2001:db8:ffff::2', nextHeader: IpProtocol.l2tp, hopLimit: 63 }, session);
    const output = buildEthernet({ destination: '02:00:00:00:02:02', source: routerMac, etherType: EtherType.ipv6 }, outer);
    expect(hex(output)).toBe(
      '0200000002020200000000AA86DD600000000030733F20010DB8FFFF0000000000000000000120010DB8FFFF0000000000000000000280000011010203040506070845000024123400003F117D5FC0000201C633640103E807D000100000736F66746D657368',
    );
  });

  it('mpls_lsr.stf: label swap 100 > 200 above an unchanged bottom label', () => {
    const payload = eipIpv4(60);
    const input = buildEthernet({ destination: routerMac, source: '02:00:00:00:02:02', etherType: EtherType.mplsUnicast }, buildMplsStack([{ label: 100, ttl: 64 }, { label: 555, ttl: 64 }], payload));
    expect(hex(input)).toBe('0200000000AA0200000002028847000640400022B14045000024123400003C11805FC0000201C633640103E807D000100000736F66746D657368');
    const output = buildEthernet({ destination: '02:00:00:00:03:03', source: routerMac, etherType: EtherType.mplsUnicast }, buildMplsStack([{ label: 200, ttl: 63 }, { label: 555, ttl: 64 }], payload));
    expect(hex(output)).toBe('0200000003030200000000AA8847000C803F0022B14045000024123400003C11805FC0000201C633640103E807D000100000736F66746D657368');
  });
});
