// softmesh — named constants shared by the v1model and TNA programs.
//
// Table sizes come in two profiles. The default (small) profile keeps BMv2 and
// the embedded switch fast in tests; SOFTMESH_PROFILE_LARGE sizes the tables for
// a production switch (define it on the compiler command line: -DSOFTMESH_PROFILE_LARGE).
//
//   table / extern                         small   large
//   ports (port, vlan) roles                  64    1024
//   router MAC addresses                      16     256
//   local addresses (per family)              32    1024
//   authorised tunnel sources (per family)    64   16384
//   E-IP routes (per family)                1024  262144
//   I-IP routes (per family)                1024   65536
//   softwires (tunnels)                      256   16384
//   next hops                                256   16384
//   ECMP groups x members                    256    4096
//   MPLS labels (each of two lookups)        256   65536
//   P2MP classifier (per family)              64    4096
//   P2MP replica rewrites                    256   16384

#ifndef SOFTMESH_CONSTANTS_P4
#define SOFTMESH_CONSTANTS_P4

#ifdef SOFTMESH_PROFILE_LARGE
const bit<32> PORT_TABLE_SIZE = 1024;
const bit<32> ROUTER_MAC_TABLE_SIZE = 256;
const bit<32> LOCAL_ADDRESS_TABLE_SIZE = 1024;
const bit<32> DECAP_SOURCE_TABLE_SIZE = 16384;
const bit<32> EIP_ROUTE_TABLE_SIZE = 262144;
const bit<32> IIP_ROUTE_TABLE_SIZE = 65536;
const bit<32> TUNNEL_TABLE_SIZE = 16384;
const bit<32> NEXTHOP_TABLE_SIZE = 16384;
const bit<32> ECMP_TABLE_SIZE = 4096;
const bit<32> LABEL_TABLE_SIZE = 65536;
const bit<32> P2MP_CLASSIFIER_TABLE_SIZE = 4096;
const bit<32> REPLICA_TABLE_SIZE = 16384;
#else
const bit<32> PORT_TABLE_SIZE = 64;
const bit<32> ROUTER_MAC_TABLE_SIZE = 16;
const bit<32> LOCAL_ADDRESS_TABLE_SIZE = 32;
const bit<32> DECAP_SOURCE_TABLE_SIZE = 64;
const bit<32> EIP_ROUTE_TABLE_SIZE = 1024;
const bit<32> IIP_ROUTE_TABLE_SIZE = 1024;
const bit<32> TUNNEL_TABLE_SIZE = 256;
const bit<32> NEXTHOP_TABLE_SIZE = 256;
const bit<32> ECMP_TABLE_SIZE = 256;
const bit<32> LABEL_TABLE_SIZE = 256;
const bit<32> P2MP_CLASSIFIER_TABLE_SIZE = 64;
const bit<32> REPLICA_TABLE_SIZE = 256;
#endif

// Indexed counters are addressed by port number (v1model and TNA ports fit in 9 bits).
const bit<32> PORT_COUNTER_SIZE = 512;
// Members a single ECMP group may hold, and groups (TNA ActionSelector sizing).
const bit<32> ECMP_MAX_GROUP_SIZE = 16;
const bit<32> ECMP_GROUP_COUNT = ECMP_TABLE_SIZE / ECMP_MAX_GROUP_SIZE;

// ------------------------------------------------------------------ ethertypes
const bit<16> ETHERTYPE_IPV4 = 0x0800;
const bit<16> ETHERTYPE_ARP = 0x0806;
const bit<16> ETHERTYPE_VLAN = 0x8100;
const bit<16> ETHERTYPE_IPV6 = 0x86DD;
const bit<16> ETHERTYPE_MPLS = 0x8847;

// ------------------------------------------------------------- IP protocols
const bit<8> IP_PROTOCOL_HOP_BY_HOP = 0;
const bit<8> IP_PROTOCOL_ICMP = 1;
const bit<8> IP_PROTOCOL_IPV4 = 4;      // RFC 2473 IPv4-in-IPv6, RFC 2003 IPv4-in-IPv4
const bit<8> IP_PROTOCOL_TCP = 6;
const bit<8> IP_PROTOCOL_UDP = 17;
const bit<8> IP_PROTOCOL_IPV6 = 41;     // RFC 4213 IPv6-in-IPv4, RFC 2473 IPv6-in-IPv6
const bit<8> IP_PROTOCOL_RSVP = 46;
const bit<8> IP_PROTOCOL_GRE = 47;
const bit<8> IP_PROTOCOL_ICMPV6 = 58;
const bit<8> IP_PROTOCOL_L2TPV3 = 115;  // RFC 3931 §4.1.1.2 L2TPv3 over IP
const bit<8> IP_PROTOCOL_MPLS = 137;    // RFC 4023 MPLS-in-IP

const bit<16> TCP_PORT_BGP = 179;
const bit<16> UDP_PORT_BFD_SINGLE_HOP = 3784;  // RFC 5881
const bit<16> UDP_PORT_BFD_MULTI_HOP = 4784;   // RFC 5883

// RFC 2113: IPv4 Router Alert option is type 148 (copied, class 0, number 20), length 4.
const bit<8> IPV4_OPTION_ROUTER_ALERT = 0x94;
// RFC 2711: IPv6 Router Alert hop-by-hop option type 5.
const bit<8> IPV6_OPTION_ROUTER_ALERT = 5;

// ------------------------------------------------------------------ port roles
// §4.1 of the softwire mesh framework: client-facing ports carry E-IP, core-facing
// ports carry I-IP; BOTH is a port that carries either (lab setups, the CPU).
const bit<2> PORT_ROLE_UNCONFIGURED = 0;
const bit<2> PORT_ROLE_CLIENT = 1;
const bit<2> PORT_ROLE_CORE = 2;
const bit<2> PORT_ROLE_BOTH = 3;

// --------------------------------------------------------- packet_out modes
const bit<8> PACKET_OUT_DIRECT = 0;        // send unchanged out packet_out.egress_port
const bit<8> PACKET_OUT_ROUTE_CORE = 1;    // route as if received on a core port (I-IP)
const bit<8> PACKET_OUT_ROUTE_CLIENT = 2;  // route as if received on a client port (E-IP)

// ------------------------------------------------------- punt (packet_in) reasons
const bit<8> PUNT_ARP = 1;
const bit<8> PUNT_NEIGHBOR_DISCOVERY = 2;
const bit<8> PUNT_BGP = 3;
const bit<8> PUNT_RSVP = 4;
const bit<8> PUNT_ROUTER_ALERT = 5;
const bit<8> PUNT_BFD = 6;
const bit<8> PUNT_ICMP = 7;
const bit<8> PUNT_LOCAL = 8;             // other traffic to an own address, or a receive route
const bit<8> PUNT_TTL_EXPIRED = 9;       // IPv4 TTL / IPv6 hop limit would reach 0
const bit<8> PUNT_MTU_EXCEEDED = 10;     // packet_in.mtu holds the largest E-IP packet that fits
const bit<8> PUNT_IP_OPTIONS = 11;       // IPv4 options or IPv6 hop-by-hop other than router alert
const bit<8> PUNT_MPLS_TTL_EXPIRED = 12; // top label TTL would reach 0

// ----------------------------------------------------- drop reasons (counter index)
const bit<8> DROP_UNKNOWN_PORT = 1;          // (port, vlan) has no role
const bit<8> DROP_NOT_ROUTER_MAC = 2;
const bit<8> DROP_MALFORMED = 3;             // parser error, bad version, truncated header
const bit<8> DROP_BAD_CHECKSUM = 4;          // IPv4 header checksum
const bit<8> DROP_NO_ROUTE = 5;              // route, tunnel or next hop missing
const bit<8> DROP_UNKNOWN_ENDPOINT = 6;      // tunnel packet to an own address that is no endpoint
const bit<8> DROP_UNAUTHORISED_SOURCE = 7;   // §14.2: not a valid transmitting endpoint
const bit<8> DROP_BAD_COOKIE = 8;            // RFC 3931 §4.1: cookie does not match
const bit<8> DROP_BAD_KEY = 9;               // GRE key or L2TPv3 session does not match
const bit<8> DROP_UNKNOWN_LABEL = 10;
const bit<8> DROP_MTU_EXCEEDED = 11;         // too big and the port's policy is drop
const bit<8> DROP_REPLICA_TO_INGRESS = 12;   // P2MP replica pruned (egress)
const bit<8> DROP_NO_REPLICA_REWRITE = 13;   // replica without (port, rid) rewrite (egress)
const bit<8> DROP_TUNNEL_FROM_CLIENT = 14;   // §14.2: softwires terminate on core ports only
const bit<8> DROP_BLACKHOLE = 15;            // route to null
const bit<8> DROP_LABEL_STACK_FULL = 16;     // more labels than the stack holds
const bit<8> DROP_NOT_IP = 17;               // popped bottom label without IP payload
const bit<8> DROP_REPLICA_TTL_EXPIRED = 18;  // bud local copy whose IP TTL runs out (egress)
const bit<32> DROP_REASON_COUNT = 32;

// ------------------------------------------------------------- tunnel types
// Set by the parser from the outer header; key of the decap authorisation tables.
const bit<4> TUNNEL_NONE = 0;
const bit<4> TUNNEL_IP_IN_IP = 1;    // RFC 2473 / RFC 4213 / RFC 2003
const bit<4> TUNNEL_GRE = 2;         // RFC 2784, key RFC 2890
const bit<4> TUNNEL_L2TPV3 = 3;      // RFC 3931 over IP
const bit<4> TUNNEL_MPLS_IN_IP = 4;  // RFC 4023 §3
const bit<4> TUNNEL_MPLS_IN_GRE = 5; // RFC 4023 §4

// L2TPv3 cookie length codes (0, 32 or 64 bits, RFC 3931 §4.1). On receive the
// length is carried in the top two bits of the session id this router assigned
// (RFC 3931 §4.1: the session id and the cookie are chosen by the receiver), so
// the parser can find the payload without per-session parser state.
const bit<2> COOKIE_NONE = 0;
const bit<2> COOKIE_32 = 1;
const bit<2> COOKIE_64 = 2;

// MPLS TTL behaviour, RFC 3443.
const bit<1> TTL_MODE_PIPE = 0;
const bit<1> TTL_MODE_UNIFORM = 1;

// P2MP replica handling selected by the egress rewrite table.
const bit<2> REPLICA_NONE = 0;
const bit<2> REPLICA_SWAP = 1;
const bit<2> REPLICA_PUSH = 2;
const bit<2> REPLICA_POP = 3;

#endif
