// softmesh — packet headers and the architecture-neutral metadata.
//
// Header instances are declared in wire order, which is also the deparser's emit
// order. A packet carries at most one IP header in the "outer" slots (ipv4, ipv6):
// the header the router forwards on. Encapsulation moves the E-IP header into
// the inner slots and writes a new outer header; decapsulation moves it back, so
// every routing table keys on hdr.ipv4 / hdr.ipv6 only.

#ifndef SOFTMESH_HEADERS_P4
#define SOFTMESH_HEADERS_P4

#include "constants.p4"

// PacketIn metadata (P4Runtime §16.1): what the agent needs to answer for the data plane.
@controller_header("packet_in")
header packet_in_t {
    bit<16> ingress_port;
    bit<8>  reason;       // PUNT_*
    bit<8>  reserved;     // keeps the header byte aligned
    bit<16> mtu;          // PUNT_MTU_EXCEEDED: largest E-IP packet that fits, else 0
}

// PacketOut metadata: either send out egress_port unchanged, or route normally.
@controller_header("packet_out")
header packet_out_t {
    bit<16> egress_port;  // PACKET_OUT_DIRECT only
    bit<8>  mode;         // PACKET_OUT_*
    bit<8>  reserved;
}

header ethernet_t {
    bit<48> dst_addr;
    bit<48> src_addr;
    bit<16> ether_type;
}

// IEEE 802.1Q tag.
header vlan_t {
    bit<3>  pcp;            // priority code point
    bit<1>  drop_eligible;
    bit<12> vlan_id;
    bit<16> ether_type;
}

// RFC 3032 §2.1 label stack entry.
header mpls_t {
    bit<20> label;
    bit<3>  traffic_class;  // RFC 5462
    bit<1>  bottom_of_stack;
    bit<8>  ttl;
}

// RFC 791 §3.1.
header ipv4_t {
    bit<4>  version;
    bit<4>  ihl;
    bit<6>  dscp;
    bit<2>  ecn;
    bit<16> total_length;
    bit<16> identification;
    bit<1>  reserved_flag;
    bit<1>  dont_fragment;
    bit<1>  more_fragments;
    bit<13> fragment_offset;
    bit<8>  ttl;
    bit<8>  protocol;
    bit<16> header_checksum;
    bit<32> src_addr;
    bit<32> dst_addr;
}

// The first 32-bit word of IPv4 options (enough to recognise Router Alert, RFC 2113).
header ipv4_option_t {
    bit<8>  option_type;
    bit<8>  option_length;
    bit<16> value;
}

// RFC 8200 §3.
header ipv6_t {
    bit<4>   version;
    bit<6>   dscp;
    bit<2>   ecn;
    bit<20>  flow_label;
    bit<16>  payload_length;
    bit<8>   next_header;
    bit<8>   hop_limit;
    bit<128> src_addr;
    bit<128> dst_addr;
}

// First 8 bytes of a hop-by-hop options header (RFC 8200 §4.3) with its first option.
header ipv6_hop_by_hop_t {
    bit<8>  next_header;
    bit<8>  header_length;  // in 8-octet units, not counting the first 8
    bit<8>  option_type;
    bit<8>  option_length;
    bit<32> option_data;    // Router Alert value and padding
}

// RFC 2784 §2.1 with the RFC 2890 key and sequence present bits.
header gre_t {
    bit<1>  checksum_present;
    bit<1>  routing_present;   // RFC 1701 only; must be 0 (RFC 2784 §2.3)
    bit<1>  key_present;
    bit<1>  sequence_present;
    bit<9>  reserved0;
    bit<3>  version;           // must be 0
    bit<16> protocol_type;
}

// RFC 2784 §2.5: checksum and reserved1, present when checksum_present is set.
header gre_checksum_t {
    bit<16> checksum;
    bit<16> reserved1;
}

// RFC 2890 §2.1 key field.
header gre_key_t {
    bit<32> value;
}

// RFC 2890 §2.2 sequence number.
header gre_sequence_t {
    bit<32> sequence;
}

// RFC 3931 §4.1.1.2: L2TPv3 over IP data message starts with the session id.
header l2tpv3_session_t {
    bit<32> session_id;
}

// One 32-bit half of the optional cookie (RFC 3931 §4.1).
header l2tpv3_cookie_t {
    bit<32> value;
}

// TCP and UDP both start with the two ports; enough for punts and the flow hash.
header l4_ports_t {
    bit<16> src_port;
    bit<16> dst_port;
}

// ICMP (RFC 792) and ICMPv6 (RFC 4443) common first word.
header icmp_t {
    bit<8>  icmp_type;
    bit<8>  code;
    bit<16> checksum;
}

struct headers_t {
    packet_in_t        packet_in;
    packet_out_t       packet_out;
    ethernet_t         ethernet;
    vlan_t             vlan;
    mpls_t[3]          mpls;           // top of the label stack over Ethernet (3 entries parsed)
    ipv4_t             ipv4;           // outer / forwarded IPv4
    ipv4_option_t      ipv4_option;
    ipv6_t             ipv6;           // outer / forwarded IPv6
    ipv6_hop_by_hop_t  ipv6_hop_by_hop;
    gre_t              gre;
    gre_checksum_t     gre_checksum;
    gre_key_t          gre_key;
    gre_sequence_t     gre_sequence;
    l2tpv3_session_t   l2tpv3_session;
    l2tpv3_cookie_t    l2tpv3_cookie_high;
    l2tpv3_cookie_t    l2tpv3_cookie_low;
    mpls_t[3]          tunnel_mpls;    // RFC 4023 label stack inside IP or GRE
    ipv4_t             inner_ipv4;     // E-IP packet inside a softwire
    ipv6_t             inner_ipv6;
    l4_ports_t         l4_ports;       // of the innermost IP header
    icmp_t             icmp;
}

// Architecture-neutral per-packet state. The v1model and TNA glue copy ports in
// and decisions (egress port, multicast group, drop, punt) out.
struct softmesh_metadata_t {
    bit<16> ingress_port;
    bit<12> vlan_id;               // 0 when untagged
    bit<2>  port_role;
    bit<1>  from_cpu;

    // Decision of the pipeline. `done` stops later stages once a packet is punted or dropped.
    bit<1>  done;
    bit<1>  drop;
    bit<8>  drop_reason;
    bit<1>  punt;
    bit<8>  punt_reason;
    bit<16> punt_mtu;
    bit<16> egress_port;
    bit<16> mcast_group;           // non-zero: replicate through the PRE
    bit<1>  routed;                // needs a layer-2 rewrite from the next hop
    bit<12> egress_vlan;           // 0: send untagged

    // Set by the parser.
    bit<1>  checksum_error;        // TNA only (v1model reports it in standard_metadata)
    bit<1>  inner_checksum_error;  // inner IPv4 header checksum is wrong (checked where decapsulated)
    bit<4>  tunnel_type;           // TUNNEL_*
    bit<1>  tunnel_malformed;      // unsupported GRE flags/version, reserved L2TPv3 session
    bit<1>  tunnel_key_present;    // GRE key present; always 1 for L2TPv3 (the session id)
    bit<32> tunnel_key;            // GRE key or L2TPv3 session id
    bit<2>  cookie_length;         // COOKIE_*
    bit<64> cookie;

    // Addressing and routing.
    bit<1>  is_local;              // destination is an own address
    bit<1>  is_tunnel_endpoint;    // ... on which softwires terminate
    bit<1>  decapsulated;
    bit<1>  route_eip;             // look the destination up in the E-IP tables
    bit<1>  route_iip;             // look the destination up in the I-IP tables
    bit<16> nexthop_id;
    bit<16> ecmp_group_id;
    bit<1>  use_ecmp;
    bit<16> tunnel_id;             // non-zero: send through this softwire
    bit<16> flow_hash;
    bit<20> flow_label_hash;       // 20-bit hash of the E-IP flow, for an outer IPv6 flow label
    bit<16> flow_src_port;         // 0 when the packet has no TCP/UDP header
    bit<16> flow_dst_port;

    // Softwire encapsulation, from the tunnel tables.
    bit<1>  encapsulated;
    bit<2>  outer_family;          // 0 none (MPLS LSP only), 1 IPv4, 2 IPv6
    bit<8>  outer_ttl;             // 0: uniform (copy inner), else pipe (fixed value)
    bit<6>  outer_dscp;
    bit<1>  outer_dscp_copy;
    bit<1>  outer_dont_fragment;
    bit<1>  outer_flow_label_hash;
    bit<128> outer_src;
    bit<128> outer_dst;
    bit<4>  payload_type;          // TUNNEL_* of the payload encapsulation
    bit<20> payload_label;         // MPLS-in-IP/GRE label or labeled-unicast label
    bit<1>  payload_has_label;
    bit<2>  lsp_label_count;       // transport labels pushed (MPLS LSP)
    bit<20> lsp_label0;            // top
    bit<20> lsp_label1;
    bit<20> lsp_label2;
    bit<16> eip_length;            // length of the E-IP packet before encapsulation
    bit<8>  eip_ttl;
    bit<6>  eip_dscp;
    bit<2>  eip_ecn;
    bit<16> l3_length;             // length after the IP/MPLS rewrite (for the MTU check)
    // A header whose checksum is recomputed on the way out must have been
    // changed by this pass: a forwarded header keeps its checksum, good or bad.
    bit<1>  ipv4_rewritten;        // hdr.ipv4 written (TTL, DSCP, built or moved here)
    bit<1>  inner_ipv4_rewritten;  // hdr.inner_ipv4 written (the E-IP packet of a fresh softwire)

    // MPLS.
    // RFC 3031 §3.9: a label stack deeper than mpls[] holds is not parsed
    // further; the rest of it and its payload follow the last entry as payload.
    bit<1>  mpls_stack_unparsed;
    bit<16> unparsed_length;       // bytes after mpls[2] when unparsed (v1model glue; 0: unknown)
    bit<20> top_label;             // key of the label tables
    bit<1>  ttl_uniform;
    bit<8>  popped_ttl;            // TTL of the last popped label
    bit<3>  popped_traffic_class;
    bit<1>  pop_next;              // top label popped, look up the next one
    bit<1>  popped_to_ip;          // popped the bottom label, route the IP payload
    bit<1>  php;                   // penultimate hop popped, forward to the next hop
    bit<1>  rewrite_dscp;          // tc_to_dscp hit
    bit<6>  new_dscp;
    bit<3>  push_traffic_class;

    // Decap authorisation, from the tables.
    bit<1>  expected_key_present;
    bit<32> expected_key;
    bit<64> expected_cookie;
    bit<1>  check_key;
    bit<1>  check_cookie;

    // MTU of the chosen egress port.
    bit<16> mtu;
    bit<1>  punt_too_big;

    // P2MP egress.
    bit<16> egress_rid;            // egress: replica instance from the PRE
    bit<2>  replica_action;
    bit<20> replica_label;
    bit<8>  replica_ttl;           // push: 0 uniform (from the IP TTL), else pipe (RFC 3443)
    bit<1>  replica_uniform;       // pop: the IP header takes the label's TTL (and TC -> DSCP)
}

#endif
