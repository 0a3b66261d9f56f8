// softmesh — architecture-neutral parser and deparser body.
//
// The architecture glue (v1model/softmesh.p4, tna/softmesh.p4) runs its own
// intrinsic-metadata states, copies the ingress port into meta.ingress_port and
// then invokes SoftmeshParser as a sub-parser (P4_16 §12.9). The glue defines
// SOFTMESH_CPU_PORT before including this file.
//
// Parse graph:
//   [packet_out] ethernet [vlan] ( mpls{1,3} (ip | unparsed rest)? | ipv4 | ipv6 | arp )
//   ipv4 (ihl 5, not a fragment) / ipv6 -> tcp|udp ports | icmp
//                                       -> 4/41 inner ip (IP-in-IP)
//                                       -> 47 gre [checksum] [key] [seq] -> inner ip | mpls{1,3} inner ip?
//                                       -> 115 l2tpv3 session [cookie] -> inner ip
//                                       -> 137 mpls{1,3} inner ip?
// Headers after a tunnel header go to the inner_* slots; IP under a label stack
// carried directly over Ethernet goes to the outer slots (it is what gets routed
// once the labels are popped).

#ifndef SOFTMESH_PARSER_P4
#define SOFTMESH_PARSER_P4

#include "headers.p4"

parser SoftmeshParser(packet_in packet, out headers_t hdr, inout softmesh_metadata_t meta) {
#ifdef SOFTMESH_TNA
    // TNA verifies checksums in the parser (v1model: verifyChecksum control, and
    // the inner header in the ingress glue).
    Checksum() ipv4_checksum;
    Checksum() inner_ipv4_checksum;
#endif

    state start {
        transition select(meta.ingress_port) {
            SOFTMESH_CPU_PORT: parse_packet_out;
            default: parse_ethernet;
        }
    }

    state parse_packet_out {
        packet.extract(hdr.packet_out);
        transition parse_ethernet;
    }

    state parse_ethernet {
        packet.extract(hdr.ethernet);
        transition select(hdr.ethernet.ether_type) {
            ETHERTYPE_VLAN: parse_vlan;
            ETHERTYPE_IPV4: parse_ipv4;
            ETHERTYPE_IPV6: parse_ipv6;
            ETHERTYPE_MPLS: parse_mpls;
            default: accept;
        }
    }

    state parse_vlan {
        packet.extract(hdr.vlan);
        meta.vlan_id = hdr.vlan.vlan_id;
        transition select(hdr.vlan.ether_type) {
            ETHERTYPE_IPV4: parse_ipv4;
            ETHERTYPE_IPV6: parse_ipv6;
            ETHERTYPE_MPLS: parse_mpls;
            default: accept;
        }
    }

    // RFC 3032 §2.1: entries until the bottom-of-stack bit, three at most.
    // RFC 3031 §3.9: "the processing is always based on the top label, without
    // regard for the possibility that some number of other labels may be below
    // it": a deeper stack is not malformed; what follows the third entry (more
    // labels, then the payload) stays unparsed and is emitted unchanged, so swap
    // and PHP work at any depth. Only a pop to IP needs the bottom in reach.
    state parse_mpls {
        packet.extract(hdr.mpls.next);
        transition select(hdr.mpls.last.bottom_of_stack) {
            0: parse_mpls_second;
            1: parse_mpls_payload;
        }
    }

    state parse_mpls_second {
        packet.extract(hdr.mpls.next);
        transition select(hdr.mpls.last.bottom_of_stack) {
            0: parse_mpls_third;
            1: parse_mpls_payload;
        }
    }

    state parse_mpls_third {
        packet.extract(hdr.mpls.next);
        transition select(hdr.mpls.last.bottom_of_stack) {
            0: parse_mpls_unparsed;
            1: parse_mpls_payload;
        }
    }

    state parse_mpls_unparsed {
        meta.mpls_stack_unparsed = 1;
        transition accept;
    }

    // RFC 3032 §2.2: the payload type is implied by the label; the first nibble
    // tells IPv4 from IPv6 for the labels this router pops.
    state parse_mpls_payload {
        transition select(packet.lookahead<bit<4>>()) {
            4: parse_ipv4;
            6: parse_ipv6;
            default: accept;
        }
    }

    state parse_ipv4 {
        packet.extract(hdr.ipv4);
        transition select(hdr.ipv4.ihl) {
            5: parse_ipv4_payload;
            6: parse_ipv4_option;
            default: accept;  // no options parsed: ingress punts (ihl > 5) or drops (ihl < 5)
        }
    }

    // Only the first option word: Router Alert (RFC 2113) is 4 bytes long.
    state parse_ipv4_option {
        packet.extract(hdr.ipv4_option);
        transition accept;
    }

    // Fragments carry no transport or tunnel header past the first one.
    state parse_ipv4_payload {
#ifdef SOFTMESH_TNA
        ipv4_checksum.add(hdr.ipv4);
        meta.checksum_error = (bit<1>) !ipv4_checksum.verify();
#endif
        transition select(hdr.ipv4.more_fragments, hdr.ipv4.fragment_offset, hdr.ipv4.protocol) {
            (0, 0, IP_PROTOCOL_IPV4): parse_ip_in_ip_ipv4;
            (0, 0, IP_PROTOCOL_IPV6): parse_ip_in_ip_ipv6;
            (0, 0, IP_PROTOCOL_GRE): parse_gre;
            (0, 0, IP_PROTOCOL_L2TPV3): parse_l2tpv3;
            (0, 0, IP_PROTOCOL_MPLS): parse_mpls_in_ip;
            (0, 0, IP_PROTOCOL_TCP): parse_l4_ports;
            (0, 0, IP_PROTOCOL_UDP): parse_l4_ports;
            (0, 0, IP_PROTOCOL_ICMP): parse_icmp;
            default: accept;
        }
    }

    state parse_ipv6 {
        packet.extract(hdr.ipv6);
        transition select(hdr.ipv6.next_header) {
            IP_PROTOCOL_HOP_BY_HOP: parse_ipv6_hop_by_hop;
            IP_PROTOCOL_IPV4: parse_ip_in_ip_ipv4;
            IP_PROTOCOL_IPV6: parse_ip_in_ip_ipv6;
            IP_PROTOCOL_GRE: parse_gre;
            IP_PROTOCOL_L2TPV3: parse_l2tpv3;
            IP_PROTOCOL_MPLS: parse_mpls_in_ip;
            IP_PROTOCOL_TCP: parse_l4_ports;
            IP_PROTOCOL_UDP: parse_l4_ports;
            IP_PROTOCOL_ICMPV6: parse_icmp;
            default: accept;
        }
    }

    // Packets with hop-by-hop options are punted (router alert) or slow-pathed.
    state parse_ipv6_hop_by_hop {
        packet.extract(hdr.ipv6_hop_by_hop);
        transition accept;
    }

    state parse_ip_in_ip_ipv4 {
        meta.tunnel_type = TUNNEL_IP_IN_IP;
        transition parse_inner_ipv4;
    }

    state parse_ip_in_ip_ipv6 {
        meta.tunnel_type = TUNNEL_IP_IN_IP;
        transition parse_inner_ipv6;
    }

    // RFC 2784 §2.3 / RFC 2890 §2: C, K and S select the optional words. A receiver
    // without RFC 1701 MUST discard a packet with any of bits 1-5 set: routing (1),
    // strict source route and recursion (4-5, the top of reserved0); so must a
    // non-zero version. Bits 6-12 are ignored.
    state parse_gre {
        packet.extract(hdr.gre);
        meta.tunnel_type = TUNNEL_GRE;
        meta.tunnel_key_present = hdr.gre.key_present;
        transition select(hdr.gre.routing_present, hdr.gre.reserved0[8:7], hdr.gre.version) {
            (0, 0, 0): parse_gre_checksum_check;
            default: tunnel_malformed;
        }
    }

    state parse_gre_checksum_check {
        transition select(hdr.gre.checksum_present) {
            1: parse_gre_checksum;
            default: parse_gre_key_check;
        }
    }

    state parse_gre_checksum {
        packet.extract(hdr.gre_checksum);
        transition parse_gre_key_check;
    }

    state parse_gre_key_check {
        transition select(hdr.gre.key_present) {
            1: parse_gre_key;
            default: parse_gre_sequence_check;
        }
    }

    state parse_gre_key {
        packet.extract(hdr.gre_key);
        meta.tunnel_key = hdr.gre_key.value;
        transition parse_gre_sequence_check;
    }

    state parse_gre_sequence_check {
        transition select(hdr.gre.sequence_present) {
            1: parse_gre_sequence;
            default: parse_gre_payload;
        }
    }

    state parse_gre_sequence {
        packet.extract(hdr.gre_sequence);
        transition parse_gre_payload;
    }

    state parse_gre_payload {
        transition select(hdr.gre.protocol_type) {
            ETHERTYPE_IPV4: parse_inner_ipv4;
            ETHERTYPE_IPV6: parse_inner_ipv6;
            ETHERTYPE_MPLS: parse_mpls_in_gre;  // RFC 4023 §4
            default: accept;
        }
    }

    state parse_mpls_in_gre {
        meta.tunnel_type = TUNNEL_MPLS_IN_GRE;
        transition parse_tunnel_mpls;
    }

    // RFC 3931 §4.1.1.2: session id 0 is reserved for control messages, which this
    // data plane does not terminate. The top two bits of a session id this router
    // assigned give the cookie length (see COOKIE_* in constants.p4).
    state parse_l2tpv3 {
        packet.extract(hdr.l2tpv3_session);
        meta.tunnel_type = TUNNEL_L2TPV3;
        meta.tunnel_key_present = 1;
        meta.tunnel_key = hdr.l2tpv3_session.session_id;
        transition select(hdr.l2tpv3_session.session_id) {
            0: tunnel_malformed;
            default: parse_l2tpv3_cookie_length;
        }
    }

    state parse_l2tpv3_cookie_length {
        transition select(hdr.l2tpv3_session.session_id[31:30]) {
            0: parse_l2tpv3_payload;
            1: parse_l2tpv3_cookie_32;
            2: parse_l2tpv3_cookie_64;
            default: tunnel_malformed;
        }
    }

    state parse_l2tpv3_cookie_32 {
        packet.extract(hdr.l2tpv3_cookie_low);
        meta.cookie_length = COOKIE_32;
        meta.cookie = (bit<64>) hdr.l2tpv3_cookie_low.value;
        transition parse_l2tpv3_payload;
    }

    state parse_l2tpv3_cookie_64 {
        packet.extract(hdr.l2tpv3_cookie_high);
        packet.extract(hdr.l2tpv3_cookie_low);
        meta.cookie_length = COOKIE_64;
        meta.cookie = hdr.l2tpv3_cookie_high.value ++ hdr.l2tpv3_cookie_low.value;
        transition parse_l2tpv3_payload;
    }

    // No L2-specific sublayer (RFC 3931 §4.6, "None"): the IP packet follows.
    state parse_l2tpv3_payload {
        transition select(packet.lookahead<bit<4>>()) {
            4: parse_inner_ipv4;
            6: parse_inner_ipv6;
            default: accept;
        }
    }

    state parse_mpls_in_ip {
        meta.tunnel_type = TUNNEL_MPLS_IN_IP;
        transition parse_tunnel_mpls;
    }

    // As parse_mpls: three entries, a deeper rest stays unparsed payload.
    state parse_tunnel_mpls {
        packet.extract(hdr.tunnel_mpls.next);
        transition select(hdr.tunnel_mpls.last.bottom_of_stack) {
            0: parse_tunnel_mpls_second;
            1: parse_tunnel_mpls_payload;
        }
    }

    state parse_tunnel_mpls_second {
        packet.extract(hdr.tunnel_mpls.next);
        transition select(hdr.tunnel_mpls.last.bottom_of_stack) {
            0: parse_tunnel_mpls_third;
            1: parse_tunnel_mpls_payload;
        }
    }

    state parse_tunnel_mpls_third {
        packet.extract(hdr.tunnel_mpls.next);
        transition select(hdr.tunnel_mpls.last.bottom_of_stack) {
            0: parse_mpls_unparsed;
            1: parse_tunnel_mpls_payload;
        }
    }

    state parse_tunnel_mpls_payload {
        transition select(packet.lookahead<bit<4>>()) {
            4: parse_inner_ipv4;
            6: parse_inner_ipv6;
            default: accept;
        }
    }

    state tunnel_malformed {
        meta.tunnel_malformed = 1;
        transition accept;
    }

    state parse_inner_ipv4 {
        packet.extract(hdr.inner_ipv4);
#ifdef SOFTMESH_TNA
        inner_ipv4_checksum.add(hdr.inner_ipv4);
        meta.inner_checksum_error = (bit<1>) !inner_ipv4_checksum.verify();
#endif
        transition select(hdr.inner_ipv4.ihl, hdr.inner_ipv4.more_fragments,
                          hdr.inner_ipv4.fragment_offset, hdr.inner_ipv4.protocol) {
            (5, 0, 0, IP_PROTOCOL_TCP): parse_l4_ports;
            (5, 0, 0, IP_PROTOCOL_UDP): parse_l4_ports;
            (5, 0, 0, IP_PROTOCOL_ICMP): parse_icmp;
            default: accept;
        }
    }

    state parse_inner_ipv6 {
        packet.extract(hdr.inner_ipv6);
        transition select(hdr.inner_ipv6.next_header) {
            IP_PROTOCOL_TCP: parse_l4_ports;
            IP_PROTOCOL_UDP: parse_l4_ports;
            IP_PROTOCOL_ICMPV6: parse_icmp;
            default: accept;
        }
    }

    state parse_l4_ports {
        packet.extract(hdr.l4_ports);
        meta.flow_src_port = hdr.l4_ports.src_port;
        meta.flow_dst_port = hdr.l4_ports.dst_port;
        transition accept;
    }

    state parse_icmp {
        packet.extract(hdr.icmp);
        transition accept;
    }
}

// Emit order is wire order; invalid headers are skipped (P4_16 §15.2).
control SoftmeshEmit(packet_out packet, in headers_t hdr) {
    apply {
        packet.emit(hdr.packet_in);
        packet.emit(hdr.ethernet);
        packet.emit(hdr.vlan);
        packet.emit(hdr.mpls);
        packet.emit(hdr.ipv4);
        packet.emit(hdr.ipv4_option);
        packet.emit(hdr.ipv6);
        packet.emit(hdr.ipv6_hop_by_hop);
        packet.emit(hdr.gre);
        packet.emit(hdr.gre_checksum);
        packet.emit(hdr.gre_key);
        packet.emit(hdr.gre_sequence);
        packet.emit(hdr.l2tpv3_session);
        packet.emit(hdr.l2tpv3_cookie_high);
        packet.emit(hdr.l2tpv3_cookie_low);
        packet.emit(hdr.tunnel_mpls);
        packet.emit(hdr.inner_ipv4);
        packet.emit(hdr.inner_ipv6);
        packet.emit(hdr.l4_ports);
        packet.emit(hdr.icmp);
    }
}

#endif
