// What tshark must see in the packets the STF vectors expect, derived from
// what each vector means (its `add` lines, its input packet and its comments),
// not from the switch's output. Keys are tshark field names; values are the
// field's occurrences in dissection order (outer header first) joined by "|";
// "" means the field must be absent. Keyed by "file#N": the N-th `expect` line
// with data in the file.
//
// Every IPv4 header must have a valid checksum unless an entry says otherwise
// (`ip.checksum.status`: 1 good, 0 bad), and no packet the switch built may be
// malformed for tshark.

/** Cookie length the tshark L2TPv3 dissector must assume (it cannot learn it without the control channel). */
export type CookieSize = 'None' | '4 Byte Cookie' | '8 Byte Cookie';

export interface WireExpectation {
  fields: Record<string, string>;
  cookie?: CookieSize;
  /** Fields that must be present with a value other than this one (hash outputs the vector wildcards). */
  differs?: Record<string, string>;
  /** The vector leaves the IPv4 checksum open (wildcarded nibbles): do not require it to verify. */
  anyIpv4Checksum?: boolean;
}

const router = '02:00:00:00:00:aa';
const neighbour = (port: number) => `02:00:00:00:0${port}:0${port}`;
const udp = 'udp:data';

// Addresses of test/stf/README.md.
const client4 = '192.0.2.1';
const remote4 = '198.51.100.1';
const cgn4 = '100.64.0.1';
const client6 = '2001:db8:1::1';
const remote6 = '2001:db8:2::1';
const local4 = '203.0.113.1';
const peer4 = '203.0.113.2';
const local6 = '2001:db8:ffff::1';
const peer6 = '2001:db8:ffff::2';

/** An E-IP packet routed out of a client or core port: Ethernet then one IP header. */
function routed4(port: number, src: string, dst: string, ttl: number, extra: Record<string, string> = {}): WireExpectation {
  return { fields: { 'eth.src': router, 'eth.dst': neighbour(port), 'frame.protocols': `eth:ethertype:ip:${udp}`, 'ip.src': src, 'ip.dst': dst, 'ip.ttl': `${ttl}`, 'mpls.label': '', ...extra } };
}

function routed6(port: number, src: string, dst: string, hopLimit: number, extra: Record<string, string> = {}): WireExpectation {
  return { fields: { 'eth.src': router, 'eth.dst': neighbour(port), 'frame.protocols': `eth:ethertype:ipv6:${udp}`, 'ipv6.src': src, 'ipv6.dst': dst, 'ipv6.hlim': `${hopLimit}`, 'ip.src': '', 'mpls.label': '', ...extra } };
}

/** Decapsulated at the egress AFBR: the inner packet (TTL 60 in every decap vector) routed to client port 1. */
const decapped4 = (ttl = 59) => routed4(1, remote4, client4, ttl);
const decapped6 = (hopLimit = 59) => routed6(1, remote6, client6, hopLimit);

export const wireExpectations: Record<string, WireExpectation> = {
  // RFC 2784/2890 GRE: key 0x01020304 over IPv4 (pipe TTL 64, DF), no key over IPv6 (uniform), key 0xabcd with DF clear (ID copied).
  'encap_gre.stf#1': { fields: { 'frame.protocols': `eth:ethertype:ip:gre:ipv6:${udp}`, 'eth.dst': neighbour(2), 'ip.src': local4, 'ip.dst': peer4, 'ip.ttl': '64', 'ip.proto': '47', 'ip.flags.df': '1', 'gre.key': '0x01020304', 'gre.proto': '0x86dd', 'ipv6.src': client6, 'ipv6.dst': remote6, 'ipv6.hlim': '63' } },
  'encap_gre.stf#2': { fields: { 'frame.protocols': `eth:ethertype:ipv6:gre:ip:${udp}`, 'ipv6.src': local6, 'ipv6.dst': peer6, 'ipv6.hlim': '63', 'ipv6.nxt': '47', 'gre.key': '', 'gre.proto': '0x0800', 'ip.src': client4, 'ip.dst': remote4, 'ip.ttl': '63' } },
  'encap_gre.stf#3': { fields: { 'frame.protocols': `eth:ethertype:ip:gre:ip:${udp}`, 'ip.src': `${local4}|${client4}`, 'ip.dst': `${peer4}|${cgn4}`, 'ip.ttl': '200|63', 'ip.id': '0x0001|0x4321', 'ip.flags.df': '0|0', 'gre.key': '0x0000abcd', 'gre.proto': '0x0800' } },
  // RFC 2473 4in6: uniform (hop limit = inner TTL - 1, DSCP and ECN copied), then pipe (255, DSCP 46, ECN copied).
  'encap_ipv4_in_ipv6.stf#1': { fields: { 'frame.protocols': `eth:ethertype:ipv6:ip:${udp}`, 'ipv6.src': local6, 'ipv6.dst': peer6, 'ipv6.nxt': '4', 'ipv6.hlim': '63', 'ipv6.tclass.dscp': '10', 'ipv6.tclass.ecn': '1', 'ip.src': client4, 'ip.dst': remote4, 'ip.ttl': '63', 'ip.dsfield.dscp': '10', 'ip.dsfield.ecn': '1' } },
  // The flow label is the inner flow's hash (RFC 6437): not zero, its value is the hash's business.
  'encap_ipv4_in_ipv6.stf#2': { fields: { 'ipv6.flow': '0x0535f6', 'frame.protocols': `eth:ethertype:ipv6:ip:${udp}`, 'ipv6.nxt': '4', 'ipv6.hlim': '255', 'ipv6.tclass.dscp': '46', 'ipv6.tclass.ecn': '0', 'ip.dst': cgn4, 'ip.ttl': '63', 'ip.dsfield.dscp': '10' } },
  // RFC 4213 6in4: protocol 41, DF, ID 0, uniform TTL, DSCP 18 copied; inner flow label kept.
  'encap_ipv6_in_ipv4.stf#1': { fields: { 'frame.protocols': `eth:ethertype:ip:ipv6:${udp}`, 'ip.src': local4, 'ip.dst': peer4, 'ip.proto': '41', 'ip.ttl': '63', 'ip.flags.df': '1', 'ip.id': '0x0000', 'ip.dsfield.dscp': '18', 'ipv6.src': client6, 'ipv6.dst': remote6, 'ipv6.hlim': '63', 'ipv6.flow': '0x0abcde' } },
  // RFC 3931 L2TPv3 over IP: 64-bit cookie over IPv6, 32-bit over IPv4, none over IPv4 (TTL 20 in, uniform).
  'encap_l2tpv3.stf#1': { cookie: '8 Byte Cookie', fields: { 'ipv6.src': local6, 'ipv6.dst': peer6, 'ipv6.nxt': '115', 'ipv6.hlim': '63', 'l2tp.sid': '0x80000011', 'l2tp.cookie': '0102030405060708', 'ip.src': client4, 'ip.dst': remote4, 'ip.ttl': '63' } },
  'encap_l2tpv3.stf#2': { cookie: '4 Byte Cookie', fields: { 'ip.src': local4, 'ip.dst': peer4, 'ip.proto': '115', 'ip.ttl': '63', 'ip.flags.df': '1', 'l2tp.sid': '0x40000022', 'l2tp.cookie': 'deadbeef', 'ipv6.src': client6, 'ipv6.dst': remote6, 'ipv6.hlim': '63' } },
  'encap_l2tpv3.stf#3': { cookie: 'None', fields: { 'ip.src': `${local4}|${client4}`, 'ip.dst': `${peer4}|${cgn4}`, 'ip.proto': '115|17', 'ip.ttl': '19|19', 'l2tp.sid': '0x00000033', 'l2tp.cookie': '' } },
  // RFC 4798 6PE: transport label 100 over BGP label 2001, uniform TTL; then three pipe labels (TTL 255), S only on the last.
  'encap_labeled_unicast.stf#1': { fields: { 'frame.protocols': `eth:ethertype:mpls:ipv6:${udp}`, 'eth.dst': neighbour(2), 'mpls.label': '100|2001', 'mpls.bottom': '0|1', 'mpls.ttl': '63|63', 'ipv6.hlim': '63', 'ipv6.dst': remote6 } },
  'encap_labeled_unicast.stf#2': { fields: { 'frame.protocols': `eth:ethertype:mpls:ip:${udp}`, 'eth.dst': neighbour(3), 'mpls.label': '101|102|103', 'mpls.bottom': '0|0|1', 'mpls.ttl': '255|255|255', 'ip.ttl': '63' } },
  // RFC 4023: MPLS-in-IP (137) over IPv4 with TC 5 from DSCP 46; MPLS-in-GRE over IPv6 pipe 64; MPLS-in-IP over IPv6; keyed MPLS-in-GRE over IPv4.
  'encap_mpls_in_ip.stf#1': { fields: { 'frame.protocols': `eth:ethertype:ip:mpls:ipv6:${udp}`, 'ip.src': local4, 'ip.dst': peer4, 'ip.proto': '137', 'ip.ttl': '63', 'ip.dsfield.dscp': '46', 'mpls.label': '2000', 'mpls.exp': '5', 'mpls.bottom': '1', 'mpls.ttl': '63', 'ipv6.hlim': '63', 'ipv6.tclass.dscp': '46' } },
  'encap_mpls_in_ip.stf#2': { fields: { 'frame.protocols': `eth:ethertype:ipv6:gre:mpls:ip:${udp}`, 'ipv6.src': local6, 'ipv6.dst': peer6, 'ipv6.nxt': '47', 'ipv6.hlim': '64', 'ipv6.tclass.dscp': '0', 'gre.key': '', 'gre.proto': '0x8847', 'mpls.label': '3000', 'mpls.exp': '0', 'mpls.bottom': '1', 'mpls.ttl': '64', 'ip.ttl': '63', 'ip.dsfield.dscp': '10' } },
  'encap_mpls_in_ip.stf#3': { fields: { 'frame.protocols': `eth:ethertype:ipv6:mpls:ip:${udp}`, 'ipv6.nxt': '137', 'ipv6.hlim': '29', 'mpls.label': '2002', 'mpls.bottom': '1', 'mpls.ttl': '29', 'ip.dst': cgn4, 'ip.ttl': '29' } },
  'encap_mpls_in_ip.stf#4': { fields: { 'frame.protocols': `eth:ethertype:ip:gre:mpls:ipv6:${udp}`, 'ip.proto': '47', 'ip.ttl': '29', 'gre.key': '0x00000055', 'gre.proto': '0x8847', 'mpls.label': '3001', 'mpls.bottom': '1', 'mpls.ttl': '29', 'ipv6.dst': '2001:db8:3::1', 'ipv6.hlim': '29' } },

  // Egress AFBR: only the inner packet leaves, routed once (inner TTL 60 → 59).
  'decap_gre.stf#1': decapped4(),
  'decap_gre.stf#2': decapped6(),
  'decap_gre.stf#3': decapped6(),
  'decap_ip_in_ip.stf#1': decapped4(),
  'decap_ip_in_ip.stf#2': decapped6(),
  'decap_ip_in_ip.stf#3': decapped4(),
  'decap_l2tpv3.stf#1': decapped4(),
  'decap_l2tpv3.stf#2': decapped6(),
  'decap_l2tpv3.stf#3': decapped4(),
  // label 2000 pipe (inner TTL 60 → 59); label 3000 uniform with label TTL 30 (→ 29).
  'decap_mpls_in_ip.stf#1': decapped6(),
  'decap_mpls_in_ip.stf#2': decapped4(29),
  'decap_mpls_in_ip.stf#3': decapped4(),
  'decap_mpls_in_ip.stf#4': decapped6(29),
  // A 4-label MPLS-in-GRE payload: terminated, top swapped, the rest carried onto Ethernet.
  'decap_mpls_in_ip.stf#5': { fields: { 'frame.protocols': `eth:ethertype:mpls:ip:${udp}`, 'eth.dst': neighbour(3), 'gre.proto': '', 'mpls.label': '4200|2001|3001|4001', 'mpls.bottom': '0|0|0|1', 'mpls.ttl': '63|64|64|64', 'ip.src': remote4, 'ip.ttl': '60' } },
  // Punted after decapsulation (inner TTL 1); a transit softwire with outer TTL 1 punted, with TTL 2 routed untouched inside.
  'decap_negative.stf#1': { fields: { 'frame.protocols': `eth:ethertype:ip:${udp}`, 'ip.src': remote4, 'ip.ttl': '1' } },
  'decap_negative.stf#2': { fields: { 'frame.protocols': `eth:ethertype:ip:ip:${udp}`, 'ip.dst': `203.0.113.77|${client4}`, 'ip.proto': '4|17', 'ip.ttl': '1|60' } },
  'decap_negative.stf#3': { fields: { 'frame.protocols': `eth:ethertype:ip:ip:${udp}`, 'eth.dst': neighbour(3), 'ip.dst': `203.0.113.77|${client4}`, 'ip.ttl': '1|60' } },
  'decap_negative.stf#4': decapped4(),
  // Transit softwire: the outer header (TTL changed) gets a good checksum, the corrupted inner one (0xbeef) is left alone.
  'decap_negative.stf#5': { fields: { 'frame.protocols': `eth:ethertype:ip:ip:${udp}`, 'eth.dst': neighbour(3), 'ip.dst': `203.0.113.77|${client4}`, 'ip.ttl': '1|60', 'ip.checksum': '0x0172|0xbeef', 'ip.checksum.status': '1|0' } },

  // RFC 3031/3032 label operations on input label TTL 64 (swap), 20 (PHP), 30/9/40 (uniform cases).
  'mpls_lsr.stf#1': { fields: { 'frame.protocols': `eth:ethertype:mpls:ip:${udp}`, 'eth.dst': neighbour(3), 'mpls.label': '200|555', 'mpls.bottom': '0|1', 'mpls.ttl': '63|64', 'ip.ttl': '60' } },
  'mpls_lsr.stf#2': routed4(3, client4, remote4, 60),
  'mpls_lsr.stf#3': routed4(3, client4, remote4, 19),
  'mpls_lsr.stf#4': routed4(3, peer4, '203.0.113.9', 59),
  'mpls_lsr.stf#5': routed6(1, remote6, client6, 49),
  'mpls_lsr.stf#6': { fields: { 'frame.protocols': `eth:ethertype:mpls:ip:${udp}`, 'mpls.label': '300', 'mpls.bottom': '1', 'mpls.ttl': '8', 'ip.ttl': '60' } },
  'mpls_lsr.stf#7': routed4(1, remote4, client4, 39, { 'ip.dsfield.dscp': '46' }),
  'mpls_lsr.stf#8': { fields: { 'frame.protocols': `eth:ethertype:mpls:ip:${udp}`, 'mpls.label': '100', 'mpls.ttl': '1' } },
  // The LSR swaps without verifying or rewriting the payload: the corrupted IPv4 checksum (0xbeef) must come out as it came in.
  'mpls_lsr.stf#9': { fields: { 'frame.protocols': `eth:ethertype:mpls:ip:${udp}`, 'mpls.label': '200', 'mpls.ttl': '63', 'ip.checksum': '0xbeef', 'ip.checksum.status': '0' } },
  // RFC 3270 uniform: PHP onto IP maps TC 5 to DSCP 46; PHP and pop-and-continue copy TC and TTL onto the exposed label.
  'mpls_lsr.stf#10': routed4(3, client4, remote4, 19, { 'ip.dsfield.dscp': '46' }),
  'mpls_lsr.stf#11': { fields: { 'frame.protocols': `eth:ethertype:mpls:ip:${udp}`, 'mpls.label': '300', 'mpls.exp': '3', 'mpls.bottom': '1', 'mpls.ttl': '8', 'ip.ttl': '60' } },
  'mpls_lsr.stf#12': { fields: { 'frame.protocols': `eth:ethertype:mpls:ip:${udp}`, 'mpls.label': '2003', 'mpls.exp': '6', 'mpls.bottom': '1', 'mpls.ttl': '29', 'ip.ttl': '60' } },
  'mpls_lsr.stf#13': routed6(3, remote6, client6, 19, { 'ipv6.tclass.dscp': '46', 'ipv6.flow': '0x012345' }),
  // RFC 3031 §3.9: stacks deeper than the parser reads; only the top is rewritten.
  'mpls_deep_stack.stf#1': { fields: { 'eth.dst': neighbour(3), 'mpls.label': '200|2000|3000|4000', 'mpls.bottom': '0|0|0|1', 'mpls.ttl': '63|64|64|64', 'ip.ttl': '60' } },
  'mpls_deep_stack.stf#2': { fields: { 'mpls.label': '1000|2000|3000|4000', 'mpls.exp': '1|0|0|0', 'mpls.bottom': '0|0|0|1', 'mpls.ttl': '50|64|64|64', 'ip.ttl': '60' } },
  'mpls_deep_stack.stf#3': { fields: { 'mpls.label': '1000|3000|4000', 'mpls.exp': '2|0|0', 'mpls.bottom': '0|0|1', 'mpls.ttl': '19|64|64', 'ip.ttl': '60' } },
  'mpls_deep_stack.stf#4': { fields: { 'mpls.label': '2003|2000|3000|4000', 'mpls.exp': '6|0|0|0', 'mpls.bottom': '0|0|0|1', 'mpls.ttl': '29|64|64|64', 'ip.ttl': '60' } },
  'mpls_deep_stack.stf#5': { fields: { 'eth.dst': neighbour(3), 'vlan.id': '', 'mpls.label': '207|2000|3000|4000', 'mpls.ttl': '63|64|64|64', 'ip.ttl': '60' } },
  'mpls_deep_stack.stf#6': { fields: { 'eth.dst': neighbour(3), 'vlan.id': '', 'mpls.label': '207|2000|3000|4000', 'mpls.ttl': '63|64|64|64', 'ip.ttl': '60' } },

  // RFC 4875: branch (out labels 501/502, one TTL decrement), bud (swap 601 plus a popped local copy), ingress (push per replica).
  'p2mp_branch.stf#1': { fields: { 'eth.dst': neighbour(3), 'mpls.label': '501', 'mpls.ttl': '63', 'mpls.bottom': '1', 'ip.dst': '232.1.1.1', 'ip.ttl': '50' } },
  'p2mp_branch.stf#2': { fields: { 'eth.dst': neighbour(4), 'mpls.label': '502', 'mpls.ttl': '63', 'mpls.bottom': '1', 'ip.dst': '232.1.1.1', 'ip.ttl': '50' } },
  'p2mp_bud.stf#1': { fields: { 'eth.dst': neighbour(3), 'mpls.label': '601', 'mpls.ttl': '63', 'ip.ttl': '50' } },
  'p2mp_bud.stf#2': { fields: { 'frame.protocols': `eth:ethertype:ip:${udp}`, 'eth.dst': '01:00:5e:01:01:01', 'mpls.label': '', 'ip.dst': '232.1.1.1', 'ip.ttl': '49' } },
  'p2mp_bud.stf#3': { fields: { 'eth.dst': neighbour(3), 'mpls.label': '601', 'mpls.ttl': '63', 'ip.ttl': '1' } },
  // Second bud LSP: transit 601 keeps TC 5 and the IP header; the uniform local copy takes TTL and DSCP from the label.
  'p2mp_bud.stf#4': { fields: { 'eth.dst': neighbour(3), 'mpls.label': '601', 'mpls.exp': '5', 'mpls.ttl': '29', 'ip.ttl': '50', 'ip.dsfield.dscp': '0' } },
  'p2mp_bud.stf#5': { fields: { 'frame.protocols': `eth:ethertype:ip:${udp}`, 'eth.dst': '01:00:5e:01:01:01', 'mpls.label': '', 'ip.dst': '232.1.1.1', 'ip.ttl': '29', 'ip.dsfield.dscp': '46' } },
  'p2mp_bud.stf#6': { fields: { 'eth.dst': neighbour(3), 'mpls.label': '601', 'mpls.ttl': '63', 'ipv6.dst': 'ff3e::1', 'ipv6.hlim': '50' } },
  'p2mp_bud.stf#7': { fields: { 'frame.protocols': `eth:ethertype:ipv6:${udp}`, 'mpls.label': '', 'ipv6.dst': 'ff3e::1', 'ipv6.hlim': '49' } },
  // Label TTL 1 at a bud: punted as received (reason 12), nothing replicated.
  'p2mp_bud.stf#9': { fields: { 'frame.protocols': `eth:ethertype:mpls:ip:${udp}`, 'mpls.label': '600', 'mpls.ttl': '1', 'ip.ttl': '50' } },
  'p2mp_bud.stf#8': { fields: { 'eth.dst': neighbour(3), 'mpls.label': '601|2000|3000|4000', 'mpls.bottom': '0|0|0|1', 'mpls.ttl': '63|64|64|64', 'ip.ttl': '50' } },
  'p2mp_ingress.stf#1': { fields: { 'frame.protocols': `eth:ethertype:mpls:ip:${udp}`, 'eth.dst': neighbour(2), 'mpls.label': '700', 'mpls.bottom': '1', 'mpls.ttl': '63', 'ip.src': client4, 'ip.dst': '232.1.1.1', 'ip.ttl': '63' } },
  'p2mp_ingress.stf#2': { fields: { 'eth.dst': neighbour(3), 'mpls.label': '701', 'mpls.ttl': '63', 'ip.ttl': '63' } },
  'p2mp_ingress.stf#3': { fields: { 'frame.protocols': `eth:ethertype:mpls:ipv6:${udp}`, 'eth.dst': neighbour(2), 'mpls.label': '700', 'mpls.ttl': '9', 'ipv6.dst': 'ff3e::1', 'ipv6.hlim': '9' } },
  'p2mp_ingress.stf#4': { fields: { 'eth.dst': neighbour(3), 'mpls.label': '701', 'mpls.ttl': '9', 'ipv6.hlim': '9' } },
  'p2mp_ingress.stf#5': { fields: { 'eth.dst': neighbour(1), 'mpls.label': '702', 'mpls.ttl': '9', 'ipv6.hlim': '9' } },
  // Pipe push (label TTL 255) and uniform push, both with TC 5 from DSCP 46; then the exact MTU fit on port 3.
  'p2mp_ingress.stf#6': { fields: { 'eth.dst': neighbour(2), 'mpls.label': '710', 'mpls.exp': '5', 'mpls.bottom': '1', 'mpls.ttl': '255', 'ip.dst': '232.1.1.2', 'ip.ttl': '63', 'ip.dsfield.dscp': '46' } },
  'p2mp_ingress.stf#7': { fields: { 'eth.dst': neighbour(3), 'mpls.label': '711', 'mpls.exp': '5', 'mpls.ttl': '63', 'ip.ttl': '63' } },
  'p2mp_ingress.stf#8': { fields: { 'eth.dst': neighbour(3), 'mpls.label': '711', 'mpls.exp': '5', 'mpls.ttl': '63', 'ip.ttl': '63' } },

  // Plain routing: DSCP/ECN and flow label untouched, longest prefix wins, I-IP table for core ports.
  'route_ipv4_ipv6.stf#1': routed4(2, client4, remote4, 63, { 'ip.dsfield.dscp': '10', 'ip.dsfield.ecn': '2' }),
  'route_ipv4_ipv6.stf#2': routed4(3, client4, '198.51.100.200', 63),
  'route_ipv4_ipv6.stf#3': routed6(2, client6, remote6, 63, { 'ipv6.flow': '0x012345' }),
  'route_ipv4_ipv6.stf#4': routed4(3, peer4, '203.0.113.9', 9),
  'vlan.stf#1': { fields: { 'frame.protocols': `eth:ethertype:vlan:ethertype:ip:${udp}`, 'vlan.id': '200', 'ip.ttl': '63' } },
  'vlan.stf#2': routed4(2, client4, '100.64.1.1', 63, { 'vlan.id': '' }),
  'ttl_expiry.stf#1': { fields: { 'ip.ttl': '1' } },
  'ttl_expiry.stf#2': { fields: { 'ipv6.hlim': '1' } },
  'ttl_expiry.stf#3': { fields: { 'ip.ttl': '0' } },
  'ttl_expiry.stf#4': routed4(2, client4, remote4, 1),
  // Too big after 4in6 encapsulation: punted as the routed E-IP packet; the exact fit goes out encapsulated.
  'mtu.stf#1': { fields: { 'frame.protocols': `eth:ethertype:ip:${udp}`, 'ip.ttl': '63' } },
  'mtu.stf#2': { fields: { 'frame.protocols': `eth:ethertype:ipv6:ip:${udp}`, 'ipv6.nxt': '4', 'ipv6.hlim': '63', 'ip.ttl': '63' } },
  'mtu.stf#3': routed4(3, peer4, '10.1.1.1', 63),
  'packet_out.stf#1': { fields: { 'frame.protocols': 'eth:ethertype:arp' } },
  'packet_out.stf#2': routed4(2, '192.0.2.254', remote4, 63),
  'packet_out.stf#3': routed4(3, local4, '203.0.113.9', 254),
  'malformed.stf#1': routed4(2, client4, remote4, 63),
  'malformed.stf#2': decapped4(),
  'malformed.stf#3': { fields: { 'frame.protocols': `eth:ethertype:mpls:ip:${udp}`, 'mpls.label': '200', 'mpls.ttl': '63', 'ip.ttl': '64' } },
};

/** Vectors whose every expected packet must have an entry above: the ones that build or strip tunnel and label headers. */
export const fullyCoveredFile = /^(encap|decap|mpls|p2mp)_/;
