// Whole packets from the layer builders: transport over IP with the
// pseudo-header taken from the IP fields, and the softwire nestings of the
// mesh framework (IPv4-in-IPv6 per RFC 2473, IPv6-in-IPv4 per RFC 4213 §3.5).

import { buildIpv4, IpProtocol, ipv4Bytes, type Ipv4Fields } from './ipv4.js';
import { buildIpv6, ipv6Bytes, type Ipv6Fields } from './ipv6.js';
import { buildIcmp, buildIcmpv6, buildTcp, buildUdp, type IcmpFields, type TcpFields, type UdpFields } from './transport.js';

export type Ipv4Outer = Omit<Ipv4Fields, 'protocol'>;
export type Ipv6Outer = Omit<Ipv6Fields, 'nextHeader'>;

function pseudoV4(ip: Ipv4Outer) {
  return { source: ipv4Bytes(ip.source), destination: ipv4Bytes(ip.destination) };
}

function pseudoV6(ip: Ipv6Outer) {
  return { source: ipv6Bytes(ip.source), destination: ipv6Bytes(ip.destination) };
}

export function udpOverIpv4(ip: Ipv4Outer, udp: UdpFields, payload: Uint8Array = new Uint8Array(0)): Uint8Array {
  return buildIpv4({ ...ip, protocol: IpProtocol.udp }, buildUdp(udp, payload, pseudoV4(ip)));
}

export function udpOverIpv6(ip: Ipv6Outer, udp: UdpFields, payload: Uint8Array = new Uint8Array(0)): Uint8Array {
  return buildIpv6({ ...ip, nextHeader: IpProtocol.udp }, buildUdp(udp, payload, pseudoV6(ip)));
}

export function tcpOverIpv4(ip: Ipv4Outer, tcp: TcpFields, payload: Uint8Array = new Uint8Array(0)): Uint8Array {
  return buildIpv4({ ...ip, protocol: IpProtocol.tcp }, buildTcp(tcp, payload, pseudoV4(ip)));
}

export function tcpOverIpv6(ip: Ipv6Outer, tcp: TcpFields, payload: Uint8Array = new Uint8Array(0)): Uint8Array {
  return buildIpv6({ ...ip, nextHeader: IpProtocol.tcp }, buildTcp(tcp, payload, pseudoV6(ip)));
}

export function icmpOverIpv4(ip: Ipv4Outer, icmp: IcmpFields, payload: Uint8Array = new Uint8Array(0)): Uint8Array {
  return buildIpv4({ ...ip, protocol: IpProtocol.icmp }, buildIcmp(icmp, payload));
}

export function icmpv6OverIpv6(ip: Ipv6Outer, icmp: IcmpFields, payload: Uint8Array = new Uint8Array(0)): Uint8Array {
  return buildIpv6({ ...ip, nextHeader: IpProtocol.icmpv6 }, buildIcmpv6(icmp, payload, pseudoV6(ip)));
}

/** An IPv4 packet carried in IPv6, next header 4 (softwire mesh §4.1, E-IP v4 over I-IP v6). */
export function ipv4InIpv6(outer: Ipv6Outer, innerIpv4Packet: Uint8Array): Uint8Array {
  return buildIpv6({ ...outer, nextHeader: IpProtocol.ipv4 }, innerIpv4Packet);
}

/** An IPv6 packet carried in IPv4, protocol 41 (E-IP v6 over I-IP v4). */
export function ipv6InIpv4(outer: Ipv4Outer, innerIpv6Packet: Uint8Array): Uint8Array {
  return buildIpv4({ ...outer, protocol: IpProtocol.ipv6 }, innerIpv6Packet);
}
