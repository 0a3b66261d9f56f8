// softmesh — IP route lookups: the E-IP tables (client side, decapsulated
// softwire payloads, labeled-unicast payloads) and the I-IP tables (core side,
// and the outer header of a softwire just encapsulated, §4.3). Each is applied
// at one place in the pipeline, so a packet can meet both in a single pass.
//
// A route names a next hop, an ECMP group, a softwire (E-IP only: the tunnel to
// the BGP next hop, §9), a receive entry (punt) or a blackhole.

#ifndef SOFTMESH_ROUTING_P4
#define SOFTMESH_ROUTING_P4

#include "decisions.p4"

// RFC 791 §3.2 / RFC 8200 §3: a forwarded packet whose TTL/hop limit would
// reach zero is not forwarded; the agent sends the ICMP Time Exceeded.
control SoftmeshTtl(inout headers_t hdr, inout softmesh_metadata_t meta) {
    apply {
        if (hdr.ipv4.isValid()) {
            if (hdr.ipv4.ttl <= 1) {
                softmesh_punt(meta, PUNT_TTL_EXPIRED);
            } else {
                hdr.ipv4.ttl = hdr.ipv4.ttl - 1;
                meta.ipv4_rewritten = 1;
            }
        } else if (hdr.ipv6.isValid()) {
            if (hdr.ipv6.hop_limit <= 1) {
                softmesh_punt(meta, PUNT_TTL_EXPIRED);
            } else {
                hdr.ipv6.hop_limit = hdr.ipv6.hop_limit - 1;
            }
        }
    }
}

// Flow hash of the packet being routed: 5-tuple, plus the flow label for IPv6
// (RFC 6438 §3). Feeds the ECMP selector and the outer IPv6 flow label.
control SoftmeshFlowHash(inout headers_t hdr, inout softmesh_metadata_t meta) {
#ifdef SOFTMESH_TNA
    Hash<bit<16>>(HashAlgorithm_t.CRC16) ipv4_hasher;
    Hash<bit<16>>(HashAlgorithm_t.CRC16) ipv6_hasher;
#endif
    apply {
        if (hdr.ipv4.isValid()) {
#ifdef SOFTMESH_TNA
            meta.flow_hash = ipv4_hasher.get({ hdr.ipv4.src_addr, hdr.ipv4.dst_addr, hdr.ipv4.protocol,
                                               meta.flow_src_port, meta.flow_dst_port });
#else
            hash(meta.flow_hash, HashAlgorithm.crc16, 16w0,
                 { hdr.ipv4.src_addr, hdr.ipv4.dst_addr, hdr.ipv4.protocol,
                   meta.flow_src_port, meta.flow_dst_port }, 32w65536);
#endif
        } else if (hdr.ipv6.isValid()) {
#ifdef SOFTMESH_TNA
            meta.flow_hash = ipv6_hasher.get({ hdr.ipv6.src_addr, hdr.ipv6.dst_addr, hdr.ipv6.flow_label,
                                               hdr.ipv6.next_header, meta.flow_src_port, meta.flow_dst_port });
#else
            hash(meta.flow_hash, HashAlgorithm.crc16, 16w0,
                 { hdr.ipv6.src_addr, hdr.ipv6.dst_addr, hdr.ipv6.flow_label, hdr.ipv6.next_header,
                   meta.flow_src_port, meta.flow_dst_port }, 32w65536);
#endif
        }
    }
}

control SoftmeshEipRouting(inout headers_t hdr, inout softmesh_metadata_t meta) {
    SoftmeshTtl() ttl;

    action route_nexthop(bit<16> nexthop_id) {
        meta.nexthop_id = nexthop_id;
        meta.routed = 1;
    }

    action route_ecmp(bit<16> group_id) {
        meta.ecmp_group_id = group_id;
        meta.use_ecmp = 1;
        meta.routed = 1;
    }

    // §9: through the softwire whose remote endpoint is the route's BGP next hop.
    action route_softwire(bit<16> tunnel_id) {
        meta.tunnel_id = tunnel_id;
    }

    action route_receive() {
        softmesh_punt(meta, PUNT_LOCAL);
    }

    action route_blackhole() {
        softmesh_drop(meta, DROP_BLACKHOLE);
    }

    action route_miss() {
        softmesh_drop(meta, DROP_NO_ROUTE);
    }

    table eip_ipv4_routes {
        key = { hdr.ipv4.dst_addr: lpm; }
        actions = { route_nexthop; route_ecmp; route_softwire; route_receive; route_blackhole; route_miss; }
        default_action = route_miss();
        size = EIP_ROUTE_TABLE_SIZE;
    }

    table eip_ipv6_routes {
        key = { hdr.ipv6.dst_addr: lpm; }
        actions = { route_nexthop; route_ecmp; route_softwire; route_receive; route_blackhole; route_miss; }
        default_action = route_miss();
        size = EIP_ROUTE_TABLE_SIZE;
    }

    // RFC 4875 ingress LSR: E-IP (S,G) traffic mapped onto a P2MP LSP; the
    // label is pushed per replica in egress.
    action p2mp_ingress(bit<16> multicast_group) {
        meta.mcast_group = multicast_group;
    }

    table p2mp_ipv4_classifier {
        key = {
            hdr.ipv4.src_addr: exact;
            hdr.ipv4.dst_addr: exact;
        }
        actions = { p2mp_ingress; @defaultonly NoAction; }
        default_action = NoAction();
        size = P2MP_CLASSIFIER_TABLE_SIZE;
    }

    table p2mp_ipv6_classifier {
        key = {
            hdr.ipv6.src_addr: exact;
            hdr.ipv6.dst_addr: exact;
        }
        actions = { p2mp_ingress; @defaultonly NoAction; }
        default_action = NoAction();
        size = P2MP_CLASSIFIER_TABLE_SIZE;
    }

    apply {
        ttl.apply(hdr, meta);
        if (meta.done == 0) {
            if (hdr.ipv4.isValid()) {
                if (!p2mp_ipv4_classifier.apply().hit) {
                    eip_ipv4_routes.apply();
                }
            } else if (hdr.ipv6.isValid()) {
                if (!p2mp_ipv6_classifier.apply().hit) {
                    eip_ipv6_routes.apply();
                }
            }
        }
    }
}

control SoftmeshIipRouting(inout headers_t hdr, inout softmesh_metadata_t meta) {
    SoftmeshTtl() ttl;

    action route_nexthop(bit<16> nexthop_id) {
        meta.nexthop_id = nexthop_id;
        meta.routed = 1;
    }

    action route_ecmp(bit<16> group_id) {
        meta.ecmp_group_id = group_id;
        meta.use_ecmp = 1;
        meta.routed = 1;
    }

    action route_receive() {
        softmesh_punt(meta, PUNT_LOCAL);
    }

    action route_blackhole() {
        softmesh_drop(meta, DROP_BLACKHOLE);
    }

    action route_miss() {
        softmesh_drop(meta, DROP_NO_ROUTE);
    }

    table iip_ipv4_routes {
        key = { hdr.ipv4.dst_addr: lpm; }
        actions = { route_nexthop; route_ecmp; route_receive; route_blackhole; route_miss; }
        default_action = route_miss();
        size = IIP_ROUTE_TABLE_SIZE;
    }

    table iip_ipv6_routes {
        key = { hdr.ipv6.dst_addr: lpm; }
        actions = { route_nexthop; route_ecmp; route_receive; route_blackhole; route_miss; }
        default_action = route_miss();
        size = IIP_ROUTE_TABLE_SIZE;
    }

    apply {
        // The outer header of a fresh softwire got its TTL from the tunnel policy
        // (RFC 2473 §6.3): it is originated here, not forwarded.
        if (meta.encapsulated == 0) {
            ttl.apply(hdr, meta);
        }
        if (meta.done == 0) {
            if (hdr.ipv4.isValid()) {
                iip_ipv4_routes.apply();
            } else if (hdr.ipv6.isValid()) {
                iip_ipv6_routes.apply();
            }
        }
    }
}

#endif
