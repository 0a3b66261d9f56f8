// The data-plane demo of `softmesh start`: one AFBR + LSR of the softwire mesh,
// as the control plane would program it, and the packets that show what it
// does. Entries are written in STF syntax (the vocabulary of test/stf, see its
// README for the port, MAC and address conventions) and go to the switch as
// P4Runtime writes; packets are built with the project's packet builders.
//
//   ports 1, 4: clients (E-IP)      ports 2, 3: core (I-IP)      CPU port 255
//   local endpoints 203.0.113.1, 2001:db8:ffff::1; remote AFBR …2

import {
  buildEthernet, buildL2tpv3, buildMplsStack, EtherType, ipv4InIpv6, IpProtocol, buildIpv6, udpOverIpv4, udpOverIpv6,
  buildArp, ArpOperation,
} from '../packet/builders/index.js';

export const routerMac = '02:00:00:00:00:aa';
const clientMac = '02:00:00:00:01:01';
const coreMac = '02:00:00:00:02:02';

/** Ports, router MAC and next hops shared by every scenario (test/stf conventions). */
export const baseEntries = `
add port_roles meta.ingress_port:1 meta.vlan_id:0 set_port_role(role:1)
add port_roles meta.ingress_port:2 meta.vlan_id:0 set_port_role(role:2)
add port_roles meta.ingress_port:3 meta.vlan_id:0 set_port_role(role:2)
add port_roles meta.ingress_port:4 meta.vlan_id:0 set_port_role(role:1)
add router_macs hdr.ethernet.dst_addr:0x0200000000aa router_mac_hit()
add nexthops meta.nexthop_id:1 set_nexthop(port:1, dst_mac:0x020000000101, src_mac:0x0200000000aa)
add nexthops meta.nexthop_id:2 set_nexthop(port:2, dst_mac:0x020000000202, src_mac:0x0200000000aa)
add nexthops meta.nexthop_id:3 set_nexthop(port:3, dst_mac:0x020000000303, src_mac:0x0200000000aa)
add nexthops meta.nexthop_id:4 set_nexthop(port:4, dst_mac:0x020000000404, src_mac:0x0200000000aa)
add iip_ipv6_routes hdr.ipv6.dst_addr:0x20010db8ffff00000000000000000000/64 route_nexthop(nexthop_id:2)
add iip_ipv4_routes hdr.ipv4.dst_addr:0xcb007100/24 route_nexthop(nexthop_id:2)
`;

/** Ingress AFBR (softwire mesh §9): E-IP routes whose next hop is a softwire, one per tunnel technology. */
export const softwireEntries = `
add eip_ipv4_routes hdr.ipv4.dst_addr:0xc6336400/24 route_softwire(tunnel_id:10)
add softwires meta.tunnel_id:10 encap_ipv6(src_addr:0x20010db8ffff00000000000000000001, dst_addr:0x20010db8ffff00000000000000000002, hop_limit:0, dscp:0, dscp_copy:1, flow_label_hash:0)
add eip_ipv6_routes hdr.ipv6.dst_addr:0x20010db8000200000000000000000000/48 route_softwire(tunnel_id:20)
add softwires meta.tunnel_id:20 encap_ipv4(src_addr:0xcb007101, dst_addr:0xcb007102, ttl:0, dscp:0, dscp_copy:1, dont_fragment:1)
add eip_ipv4_routes hdr.ipv4.dst_addr:0x64400000/16 route_softwire(tunnel_id:30)
add softwires meta.tunnel_id:30 encap_ipv4(src_addr:0xcb007101, dst_addr:0xcb007102, ttl:64, dscp:0, dscp_copy:1, dont_fragment:1)
add softwire_payloads meta.tunnel_id:30 payload_gre(key_present:1, gre_key:0x01020304)
add eip_ipv6_routes hdr.ipv6.dst_addr:0x20010db8000300000000000000000000/48 route_softwire(tunnel_id:40)
add softwires meta.tunnel_id:40 encap_ipv6(src_addr:0x20010db8ffff00000000000000000001, dst_addr:0x20010db8ffff00000000000000000002, hop_limit:0, dscp:0, dscp_copy:1, flow_label_hash:0)
add softwire_payloads meta.tunnel_id:40 payload_l2tpv3(session_id:0x80000011, cookie_length:2, cookie:0x0102030405060708)
`;

/** Egress AFBR (§14.2): decapsulate only from the authorised remote endpoint, with the right cookie. */
export const decapEntries = `
add local_ipv6_addresses hdr.ipv6.dst_addr:0x20010db8ffff00000000000000000001 local_tunnel_endpoint()
add decap_ipv6_sources hdr.ipv6.src_addr:0x20010db8ffff00000000000000000002 hdr.ipv6.dst_addr:0x20010db8ffff00000000000000000001 meta.tunnel_type:1 permit_plain()
add decap_ipv6_sources hdr.ipv6.src_addr:0x20010db8ffff00000000000000000002 hdr.ipv6.dst_addr:0x20010db8ffff00000000000000000001 meta.tunnel_type:3 permit_l2tpv3(session_id:0x80000011, cookie:0x0102030405060708)
add eip_ipv4_routes hdr.ipv4.dst_addr:0xc0000200/24 route_nexthop(nexthop_id:1)
`;

/** LSR (RFC 3031): swap and penultimate hop pop; P2MP branch and bud labels (RFC 4875) select multicast groups. */
export const mplsEntries = `
add mpls_top_label meta.top_label:100 mpls_swap(label:200, nexthop_id:3)
add mpls_top_label meta.top_label:101 mpls_php(nexthop_id:3, ttl_uniform:0)
add mpls_top_label meta.top_label:500 mpls_p2mp(multicast_group:7)
add mpls_top_label meta.top_label:600 mpls_p2mp(multicast_group:8)
add p2mp_replicas meta.egress_port:3 meta.egress_rid:1 replica_swap(label:501, dst_mac:0x020000000303, src_mac:0x0200000000aa)
add p2mp_replicas meta.egress_port:4 meta.egress_rid:2 replica_swap(label:502, dst_mac:0x020000000404, src_mac:0x0200000000aa)
add p2mp_replicas meta.egress_port:3 meta.egress_rid:3 replica_swap(label:601, dst_mac:0x020000000303, src_mac:0x0200000000aa)
add p2mp_replicas meta.egress_port:1 meta.egress_rid:9 replica_pop(dst_mac:0x01005e010101, src_mac:0x0200000000aa)
`;

/** Multicast groups of the P2MP LSPs: (egress port, instance) replicas; the instance selects the rewrite. */
export const multicastGroups = [
  { multicastGroupId: 7, replicas: [{ egressPort: 3, instance: 1 }, { egressPort: 4, instance: 2 }], what: 'branch: two downstream S2L sub-LSPs' },
  { multicastGroupId: 8, replicas: [{ egressPort: 3, instance: 3 }, { egressPort: 1, instance: 9 }], what: 'bud: one downstream, one local copy' },
];

export interface DemoPacket {
  title: string;
  port: number;
  frame: Uint8Array;
  /** What the switch must do with it: send it out of these ports, drop it (reason), or punt it (reason). */
  expect: { ports: number[] } | { drop: number } | { punt: number };
  /** L2TPv3 cookie length to dissect with (the dissector cannot guess it). */
  cookieLength?: 0 | 4 | 8;
}

const payload = new TextEncoder().encode('softmesh');
const fromClient = (etherType: number, packet: Uint8Array) => buildEthernet({ destination: routerMac, source: clientMac, etherType }, packet);
const fromCore = (etherType: number, packet: Uint8Array) => buildEthernet({ destination: routerMac, source: coreMac, etherType }, packet);
const udp = { sourcePort: 1000, destinationPort: 2000 };
const innerIpv4 = udpOverIpv4({ source: '198.51.100.1', destination: '192.0.2.1', ttl: 60, identification: 0x1234 }, udp, payload);

function l2tpv3Over6(source: string, cookie: bigint): Uint8Array {
  const body = buildL2tpv3({ sessionId: 0x80000011, cookie }, innerIpv4);
  return fromCore(EtherType.ipv6, buildIpv6({ source, destination: '2001:db8:ffff::1', nextHeader: IpProtocol.l2tp, hopLimit: 10 }, body));
}

export const demoPackets: DemoPacket[] = [
  { title: 'IPv4 to 198.51.100.1: IPv4-in-IPv6 softwire', expect: { ports: [2] }, port: 1, frame: fromClient(EtherType.ipv4, udpOverIpv4({ source: '192.0.2.1', destination: '198.51.100.1', identification: 1 }, udp, payload)) },
  { title: 'IPv6 to 2001:db8:2::1: IPv6-in-IPv4 softwire', expect: { ports: [2] }, port: 1, frame: fromClient(EtherType.ipv6, udpOverIpv6({ source: '2001:db8:1::1', destination: '2001:db8:2::1' }, udp, payload)) },
  { title: 'IPv4 to 100.64.0.1: GRE softwire, key 0x01020304', expect: { ports: [2] }, port: 4, frame: fromClient(EtherType.ipv4, udpOverIpv4({ source: '192.0.2.7', destination: '100.64.0.1', identification: 2 }, udp, payload)) },
  { title: 'IPv6 to 2001:db8:3::1: L2TPv3 softwire, 64-bit cookie', expect: { ports: [2] }, port: 4, frame: fromClient(EtherType.ipv6, udpOverIpv6({ source: '2001:db8:1::7', destination: '2001:db8:3::1' }, udp, payload)), cookieLength: 8 },
  { title: 'L2TPv3 from the remote AFBR, right cookie: decapsulated', expect: { ports: [1] }, port: 2, frame: l2tpv3Over6('2001:db8:ffff::2', 0x0102030405060708n), cookieLength: 8 },
  { title: 'L2TPv3 from the remote AFBR, wrong cookie', expect: { drop: 8 }, port: 2, frame: l2tpv3Over6('2001:db8:ffff::2', 0x0102030405060709n), cookieLength: 8 },
  { title: 'IPv4-in-IPv6 from the authorised endpoint: decapsulated', expect: { ports: [1] }, port: 2, frame: fromCore(EtherType.ipv6, ipv4InIpv6({ source: '2001:db8:ffff::2', destination: '2001:db8:ffff::1', hopLimit: 10 }, innerIpv4)) },
  { title: 'IPv4-in-IPv6 from a spoofed tunnel source', expect: { drop: 7 }, port: 2, frame: fromCore(EtherType.ipv6, ipv4InIpv6({ source: '2001:db8:ffff::66', destination: '2001:db8:ffff::1', hopLimit: 10 }, innerIpv4)) },
  { title: 'MPLS label 100: swap to 200', expect: { ports: [3] }, port: 2, frame: fromCore(EtherType.mplsUnicast, buildMplsStack([{ label: 100, ttl: 64 }], innerIpv4)) },
  { title: 'MPLS label 101: penultimate hop pop', expect: { ports: [3] }, port: 2, frame: fromCore(EtherType.mplsUnicast, buildMplsStack([{ label: 101, ttl: 64 }], innerIpv4)) },
  { title: 'MPLS label 999: no such label', expect: { drop: 10 }, port: 2, frame: fromCore(EtherType.mplsUnicast, buildMplsStack([{ label: 999, ttl: 64 }], innerIpv4)) },
  { title: 'P2MP label 500 at a branch LSR: two replicas', expect: { ports: [3, 4] }, port: 2, frame: fromCore(EtherType.mplsUnicast, buildMplsStack([{ label: 500, ttl: 64 }], multicastIpv4())) },
  { title: 'P2MP label 600 at a bud LSR: transit and local copy', expect: { ports: [3, 1] }, port: 2, frame: fromCore(EtherType.mplsUnicast, buildMplsStack([{ label: 600, ttl: 64 }], multicastIpv4())) },
  { title: 'ARP request for the router: punted to the controller', expect: { punt: 1 }, port: 1, frame: arpRequest() },
];

function multicastIpv4(): Uint8Array {
  return udpOverIpv4({ source: '10.0.0.1', destination: '232.1.1.1', ttl: 50, identification: 0x1234 }, udp, payload);
}

function arpRequest(): Uint8Array {
  const arp = buildArp({ operation: ArpOperation.request, senderMac: clientMac, senderIp: '192.0.2.1', targetMac: '00:00:00:00:00:00', targetIp: '192.0.2.254' });
  return buildEthernet({ destination: 'ff:ff:ff:ff:ff:ff', source: clientMac, etherType: EtherType.arp }, arp);
}
