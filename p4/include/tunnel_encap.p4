// softmesh — softwire encapsulation at the ingress AFBR (§4.3, §9).
//
// Two lookups on the tunnel id chosen by the E-IP route:
//   softwires         — the outer transport: an IPv4 or IPv6 header towards the
//                       remote endpoint (the BGP next hop), or an MPLS LSP
//                       (up to three transport labels straight to a next hop);
//                       carries the per-tunnel policy and a direct counter.
//   softwire_payloads — what sits between the transport and the E-IP packet:
//                       nothing (IP-in-IP), GRE [key], L2TPv3 session [cookie],
//                       or one MPLS label (MPLS-in-IP, MPLS-in-GRE, or the
//                       labeled-unicast label of RFC 4798 / RFC 8277 under an LSP).
// The outer I-IP destination is then routed by SoftmeshIipRouting in this pass.

#ifndef SOFTMESH_TUNNEL_ENCAP_P4
#define SOFTMESH_TUNNEL_ENCAP_P4

#include "decisions.p4"

const bit<2> OUTER_NONE = 0;
const bit<2> OUTER_IPV4 = 1;
const bit<2> OUTER_IPV6 = 2;

control SoftmeshEncap(inout headers_t hdr, inout softmesh_metadata_t meta) {
#ifdef SOFTMESH_TNA
    DirectCounter<bit<64>>(CounterType_t.PACKETS_AND_BYTES) softwire_counter;
    Hash<bit<20>>(HashAlgorithm_t.CRC32) ipv4_label_hasher;
    Hash<bit<20>>(HashAlgorithm_t.CRC32) ipv6_label_hasher;
    Register<bit<16>, bit<1>>(1) outer_identification;
    RegisterAction<bit<16>, bit<1>, bit<16>>(outer_identification) next_outer_identification = {
        void apply(inout bit<16> value, out bit<16> result) {
            value = value + 1;
            result = value;
        }
    };
#else
    direct_counter(CounterType.packets_and_bytes) softwire_counter;
    // Last Identification given to an outer IPv4 header that may be fragmented.
    register<bit<16>>(1) outer_identification;
#endif

    // ttl: 0 = uniform (copy the E-IP TTL), else pipe with this value.
    // dscp_copy: 1 = copy the E-IP DSCP, else write dscp. ECN is always copied
    // (RFC 6040 §4.1 normal mode).
    action encap_ipv4(bit<32> src_addr, bit<32> dst_addr, bit<8> ttl, bit<6> dscp,
                      bit<1> dscp_copy, bit<1> dont_fragment) {
#ifdef SOFTMESH_TNA
        softwire_counter.count();
#endif
        meta.outer_family = OUTER_IPV4;
        meta.outer_src = (bit<128>) src_addr;
        meta.outer_dst = (bit<128>) dst_addr;
        meta.outer_ttl = ttl;
        meta.outer_dscp = dscp;
        meta.outer_dscp_copy = dscp_copy;
        meta.outer_dont_fragment = dont_fragment;
    }

    // flow_label_hash: 1 = outer flow label from the inner flow hash (RFC 6438), else 0.
    action encap_ipv6(bit<128> src_addr, bit<128> dst_addr, bit<8> hop_limit, bit<6> dscp,
                      bit<1> dscp_copy, bit<1> flow_label_hash) {
#ifdef SOFTMESH_TNA
        softwire_counter.count();
#endif
        meta.outer_family = OUTER_IPV6;
        meta.outer_src = src_addr;
        meta.outer_dst = dst_addr;
        meta.outer_ttl = hop_limit;
        meta.outer_dscp = dscp;
        meta.outer_dscp_copy = dscp_copy;
        meta.outer_flow_label_hash = flow_label_hash;
    }

    // An LDP/RSVP-TE LSP to the remote AFBR: label_count transport labels,
    // label0 on top. ttl as for encap_ipv4 (RFC 3443 uniform / pipe).
    action encap_mpls_lsp(bit<16> nexthop_id, bit<2> label_count, bit<20> label0,
                          bit<20> label1, bit<20> label2, bit<8> ttl) {
#ifdef SOFTMESH_TNA
        softwire_counter.count();
#endif
        meta.outer_family = OUTER_NONE;
        meta.nexthop_id = nexthop_id;
        meta.lsp_label_count = label_count;
        meta.lsp_label0 = label0;
        meta.lsp_label1 = label1;
        meta.lsp_label2 = label2;
        meta.outer_ttl = ttl;
    }

    action unknown_softwire() {
#ifdef SOFTMESH_TNA
        softwire_counter.count();
#endif
        softmesh_drop(meta, DROP_NO_ROUTE);
    }

    table softwires {
        key = { meta.tunnel_id: exact; }
        actions = { encap_ipv4; encap_ipv6; encap_mpls_lsp; unknown_softwire; }
        default_action = unknown_softwire();
        size = TUNNEL_TABLE_SIZE;
        counters = softwire_counter;
    }

    action payload_ip() {
        meta.payload_type = TUNNEL_IP_IN_IP;
    }

    action payload_gre(bit<1> key_present, bit<32> gre_key) {
        meta.payload_type = TUNNEL_GRE;
        meta.tunnel_key_present = key_present;
        meta.tunnel_key = gre_key;
    }

    // session_id and cookie are the ones the remote endpoint assigned.
    action payload_l2tpv3(bit<32> session_id, bit<2> cookie_length, bit<64> cookie) {
        meta.payload_type = TUNNEL_L2TPV3;
        meta.tunnel_key = session_id;
        meta.cookie_length = cookie_length;
        meta.cookie = cookie;
    }

    action payload_mpls(bit<20> label) {
        meta.payload_type = TUNNEL_MPLS_IN_IP;
        meta.payload_has_label = 1;
        meta.payload_label = label;
    }

    action payload_mpls_in_gre(bit<20> label, bit<1> key_present, bit<32> gre_key) {
        meta.payload_type = TUNNEL_MPLS_IN_GRE;
        meta.payload_has_label = 1;
        meta.payload_label = label;
        meta.tunnel_key_present = key_present;
        meta.tunnel_key = gre_key;
    }

    table softwire_payloads {
        key = { meta.tunnel_id: exact; }
        actions = { payload_ip; payload_gre; payload_l2tpv3; payload_mpls; payload_mpls_in_gre; }
        default_action = payload_ip();
        size = TUNNEL_TABLE_SIZE;
    }

    // RFC 3270 §2.5: the TC of pushed labels from the E-IP DSCP.
    action set_traffic_class(bit<3> traffic_class) {
        meta.push_traffic_class = traffic_class;
    }

    table dscp_to_tc {
        key = { meta.eip_dscp: exact; }
        actions = { set_traffic_class; @defaultonly NoAction; }
        default_action = NoAction();
        size = 64;
    }

    action push_label(bit<20> label) {
        hdr.mpls.push_front(1);
        hdr.mpls[0].setValid();
        hdr.mpls[0].label = label;
        hdr.mpls[0].traffic_class = meta.push_traffic_class;
        hdr.mpls[0].bottom_of_stack = 0;
        hdr.mpls[0].ttl = meta.outer_ttl;
    }

    apply {
        if (meta.tunnel_id == 0) {
            // P2MP ingress LSR (E-IP onto a multicast group): only the TC of the
            // label every replica pushes in egress (RFC 3270 §2.5).
            if (hdr.ipv4.isValid()) {
                meta.eip_dscp = hdr.ipv4.dscp;
            } else {
                meta.eip_dscp = hdr.ipv6.dscp;
            }
            dscp_to_tc.apply();
            return;
        }
        meta.tunnel_key_present = 0;
        meta.tunnel_key = 0;
        meta.cookie_length = COOKIE_NONE;
        meta.cookie = 0;
        softwires.apply();
        if (meta.done == 0) {
            softwire_payloads.apply();

            // What the E-IP packet brings to the policy.
            bit<8> inner_protocol = IP_PROTOCOL_IPV4;
            bit<16> inner_ether_type = ETHERTYPE_IPV4;
            if (hdr.ipv4.isValid()) {
                meta.eip_ttl = hdr.ipv4.ttl;
                meta.eip_dscp = hdr.ipv4.dscp;
                meta.eip_ecn = hdr.ipv4.ecn;
                meta.eip_length = hdr.ipv4.total_length;
            } else {
                inner_protocol = IP_PROTOCOL_IPV6;
                inner_ether_type = ETHERTYPE_IPV6;
                meta.eip_ttl = hdr.ipv6.hop_limit;
                meta.eip_dscp = hdr.ipv6.dscp;
                meta.eip_ecn = hdr.ipv6.ecn;
                meta.eip_length = hdr.ipv6.payload_length + 40;
            }
            if (meta.outer_ttl == 0) {
                meta.outer_ttl = meta.eip_ttl;  // uniform
            }
            if (meta.outer_dscp_copy == 1) {
                meta.outer_dscp = meta.eip_dscp;
            }
            dscp_to_tc.apply();
            meta.encapsulated = 1;

            if (meta.outer_family == OUTER_NONE) {
                // Label stack over Ethernet: E-IP stays in the outer slot.
                bit<3> labels = (bit<3>) meta.lsp_label_count + (bit<3>) meta.payload_has_label;
                if (labels > 3) {
                    softmesh_drop(meta, DROP_LABEL_STACK_FULL);
                } else {
                    if (meta.payload_has_label == 1) { push_label(meta.payload_label); }
                    if (meta.lsp_label_count == 3) { push_label(meta.lsp_label2); }
                    if (meta.lsp_label_count >= 2) { push_label(meta.lsp_label1); }
                    if (meta.lsp_label_count >= 1) { push_label(meta.lsp_label0); }
                    // RFC 3032 §2.1: the deepest entry (pushed first) is the bottom of stack.
                    if (labels == 1) {
                        hdr.mpls[0].bottom_of_stack = 1;
                    } else if (labels == 2) {
                        hdr.mpls[1].bottom_of_stack = 1;
                    } else if (labels == 3) {
                        hdr.mpls[2].bottom_of_stack = 1;
                    }
                    meta.routed = 1;
                }
            } else {
                // The E-IP packet becomes the payload.
                if (hdr.ipv4.isValid()) {
                    hdr.inner_ipv4 = hdr.ipv4;
                    meta.inner_ipv4_rewritten = meta.ipv4_rewritten;
                    hdr.ipv4.setInvalid();
                } else {
                    hdr.inner_ipv6 = hdr.ipv6;
                    hdr.ipv6.setInvalid();
                }

                bit<8> protocol = inner_protocol;  // RFC 2473 §4.1 / RFC 4213 §3.5
                bit<16> overhead = 0;
                if (meta.payload_type == TUNNEL_GRE || meta.payload_type == TUNNEL_MPLS_IN_GRE) {
                    // RFC 2784 §2: C=0, version 0; RFC 2890 §2.1 key when configured.
                    protocol = IP_PROTOCOL_GRE;
                    hdr.gre.setValid();
                    hdr.gre.checksum_present = 0;
                    hdr.gre.routing_present = 0;
                    hdr.gre.key_present = meta.tunnel_key_present;
                    hdr.gre.sequence_present = 0;
                    hdr.gre.reserved0 = 0;
                    hdr.gre.version = 0;
                    hdr.gre.protocol_type = inner_ether_type;
                    overhead = 4;
                    if (meta.tunnel_key_present == 1) {
                        hdr.gre_key.setValid();
                        hdr.gre_key.value = meta.tunnel_key;
                        overhead = 8;
                    }
                } else if (meta.payload_type == TUNNEL_L2TPV3) {
                    // RFC 3931 §4.1.1.2: session id, then the cookie (0, 32 or 64 bits).
                    protocol = IP_PROTOCOL_L2TPV3;
                    hdr.l2tpv3_session.setValid();
                    hdr.l2tpv3_session.session_id = meta.tunnel_key;
                    overhead = 4;
                    if (meta.cookie_length == COOKIE_32) {
                        hdr.l2tpv3_cookie_low.setValid();
                        hdr.l2tpv3_cookie_low.value = meta.cookie[31:0];
                        overhead = 8;
                    } else if (meta.cookie_length == COOKIE_64) {
                        hdr.l2tpv3_cookie_high.setValid();
                        hdr.l2tpv3_cookie_high.value = meta.cookie[63:32];
                        hdr.l2tpv3_cookie_low.setValid();
                        hdr.l2tpv3_cookie_low.value = meta.cookie[31:0];
                        overhead = 12;
                    }
                } else if (meta.payload_type == TUNNEL_MPLS_IN_IP) {
                    protocol = IP_PROTOCOL_MPLS;  // RFC 4023 §3
                }
                if (meta.payload_has_label == 1) {
                    // RFC 4023 §3/§4: one label stack entry, bottom of stack.
                    hdr.tunnel_mpls[0].setValid();
                    hdr.tunnel_mpls[0].label = meta.payload_label;
                    hdr.tunnel_mpls[0].traffic_class = meta.push_traffic_class;
                    hdr.tunnel_mpls[0].bottom_of_stack = 1;
                    hdr.tunnel_mpls[0].ttl = meta.outer_ttl;
                    if (hdr.gre.isValid()) {
                        hdr.gre.protocol_type = ETHERTYPE_MPLS;
                    }
                    overhead = overhead + 4;
                }

                if (meta.outer_family == OUTER_IPV4) {
                    hdr.ipv4.setValid();
                    hdr.ipv4.version = 4;
                    hdr.ipv4.ihl = 5;
                    hdr.ipv4.dscp = meta.outer_dscp;
                    hdr.ipv4.ecn = meta.eip_ecn;
                    hdr.ipv4.total_length = meta.eip_length + overhead + 20;
                    // RFC 6864 §4.1: an atomic datagram (DF set) may carry any ID (0); one
                    // that may be fragmented needs an ID not repeated within the source's
                    // reassembly lifetime: a switch-wide counter, one step per packet.
                    hdr.ipv4.identification = 0;
                    if (meta.outer_dont_fragment == 0) {
#ifdef SOFTMESH_TNA
                        hdr.ipv4.identification = next_outer_identification.execute(0);
#else
                        bit<16> identification;
                        outer_identification.read(identification, 0);
                        identification = identification + 1;
                        outer_identification.write(0, identification);
                        hdr.ipv4.identification = identification;
#endif
                    }
                    hdr.ipv4.reserved_flag = 0;
                    hdr.ipv4.dont_fragment = meta.outer_dont_fragment;
                    hdr.ipv4.more_fragments = 0;
                    hdr.ipv4.fragment_offset = 0;
                    hdr.ipv4.ttl = meta.outer_ttl;
                    hdr.ipv4.protocol = protocol;
                    hdr.ipv4.header_checksum = 0;  // computed on the way out
                    meta.ipv4_rewritten = 1;
                    hdr.ipv4.src_addr = meta.outer_src[31:0];
                    hdr.ipv4.dst_addr = meta.outer_dst[31:0];
                } else {
                    hdr.ipv6.setValid();
                    hdr.ipv6.version = 6;
                    hdr.ipv6.dscp = meta.outer_dscp;
                    hdr.ipv6.ecn = meta.eip_ecn;
                    hdr.ipv6.flow_label = 0;
                    if (meta.outer_flow_label_hash == 1) {
                        // RFC 6437 §3 / RFC 6438 §3: 20 bits from the E-IP flow (CRC-32 of its
                        // 5-tuple, low 20 bits), computed only for tunnels that want it;
                        // 0 would read as "no label".
                        if (hdr.inner_ipv4.isValid()) {
#ifdef SOFTMESH_TNA
                            meta.flow_label_hash = ipv4_label_hasher.get({ hdr.inner_ipv4.src_addr, hdr.inner_ipv4.dst_addr,
                                hdr.inner_ipv4.protocol, meta.flow_src_port, meta.flow_dst_port });
#else
                            hash(meta.flow_label_hash, HashAlgorithm.crc32, 20w0,
                                 { hdr.inner_ipv4.src_addr, hdr.inner_ipv4.dst_addr, hdr.inner_ipv4.protocol,
                                   meta.flow_src_port, meta.flow_dst_port }, 32w1048576);
#endif
                        } else if (hdr.inner_ipv6.isValid()) {
#ifdef SOFTMESH_TNA
                            meta.flow_label_hash = ipv6_label_hasher.get({ hdr.inner_ipv6.src_addr, hdr.inner_ipv6.dst_addr,
                                hdr.inner_ipv6.flow_label, hdr.inner_ipv6.next_header, meta.flow_src_port, meta.flow_dst_port });
#else
                            hash(meta.flow_label_hash, HashAlgorithm.crc32, 20w0,
                                 { hdr.inner_ipv6.src_addr, hdr.inner_ipv6.dst_addr, hdr.inner_ipv6.flow_label,
                                   hdr.inner_ipv6.next_header, meta.flow_src_port, meta.flow_dst_port }, 32w1048576);
#endif
                        }
                        hdr.ipv6.flow_label = meta.flow_label_hash;
                        if (meta.flow_label_hash == 0) {
                            hdr.ipv6.flow_label = 1;
                        }
                    }
                    hdr.ipv6.payload_length = meta.eip_length + overhead;
                    hdr.ipv6.next_header = protocol;
                    hdr.ipv6.hop_limit = meta.outer_ttl;
                    hdr.ipv6.src_addr = meta.outer_src;
                    hdr.ipv6.dst_addr = meta.outer_dst;
                }
                meta.route_iip = 1;  // the outer destination, in this pass
            }
        }
    }
}

#endif
