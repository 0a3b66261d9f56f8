// softmesh — label switching (RFC 3031, RFC 3032) with TTL models (RFC 3443)
// and the P2MP branch/bud entry (RFC 4875 §4: a label selects a replication set).
//
// Two lookups: the top label, and — after "pop and continue" — the next label
// (a table is applied once per pass, so the second lookup is its own table).
// Every label entry has a direct counter (per-label statistics over P4Runtime).
// Both tables key on meta.top_label, a copy of the label on top when applied
// (a plain field name keeps STF and P4Runtime key names free of stack indices).

#ifndef SOFTMESH_MPLS_P4
#define SOFTMESH_MPLS_P4

#include "decisions.p4"

control SoftmeshMpls(inout headers_t hdr, inout softmesh_metadata_t meta) {
#ifdef SOFTMESH_TNA
    // TNA counts a direct counter where an action calls count(): both label
    // tables share their actions, so on Tofino one counter serves the top label.
    DirectCounter<bit<64>>(CounterType_t.PACKETS_AND_BYTES) label_counter;
#else
    direct_counter(CounterType.packets_and_bytes) top_label_counter;
    direct_counter(CounterType.packets_and_bytes) second_label_counter;
#endif

    // RFC 3032 §2.4.1: the outgoing TTL is the incoming TTL minus one.
    action mpls_swap(bit<20> label, bit<16> nexthop_id) {
#ifdef SOFTMESH_TNA
        label_counter.count();
#endif
        hdr.mpls[0].label = label;
        hdr.mpls[0].ttl = hdr.mpls[0].ttl - 1;
        meta.nexthop_id = nexthop_id;
        meta.routed = 1;
    }

    // Penultimate hop pop: forward what is below the label to the next hop.
    action mpls_php(bit<16> nexthop_id, bit<1> ttl_uniform) {
#ifdef SOFTMESH_TNA
        label_counter.count();
#endif
        meta.popped_ttl = hdr.mpls[0].ttl;
        meta.popped_traffic_class = hdr.mpls[0].traffic_class;
        meta.ttl_uniform = ttl_uniform;
        hdr.mpls.pop_front(1);
        meta.php = 1;
        meta.nexthop_id = nexthop_id;
        meta.routed = 1;
    }

    // Egress LER: pop the bottom label and route the IP payload (route_eip: in
    // the E-IP tables, e.g. a 6PE / labeled-unicast label; else the I-IP tables).
    action mpls_pop_route(bit<1> ttl_uniform, bit<1> route_eip) {
#ifdef SOFTMESH_TNA
        label_counter.count();
#endif
        meta.popped_ttl = hdr.mpls[0].ttl;
        meta.popped_traffic_class = hdr.mpls[0].traffic_class;
        meta.ttl_uniform = ttl_uniform;
        hdr.mpls.pop_front(1);
        meta.popped_to_ip = 1;
        meta.route_eip = route_eip;
        meta.route_iip = ~route_eip;
    }

    // Pop and look the next label up (tunnel tail end with a service label below).
    action mpls_pop_next(bit<1> ttl_uniform) {
#ifdef SOFTMESH_TNA
        label_counter.count();
#endif
        meta.popped_ttl = hdr.mpls[0].ttl;
        meta.popped_traffic_class = hdr.mpls[0].traffic_class;
        meta.ttl_uniform = ttl_uniform;
        hdr.mpls.pop_front(1);
        meta.pop_next = 1;
    }

    // RFC 4875 §4.1 branch or bud LSR: every replica gets its own rewrite in
    // egress (SoftmeshReplicas), keyed by (egress port, instance).
    action mpls_p2mp(bit<16> multicast_group) {
#ifdef SOFTMESH_TNA
        label_counter.count();
#endif
        hdr.mpls[0].ttl = hdr.mpls[0].ttl - 1;
        meta.mcast_group = multicast_group;
    }

    action unknown_label() {
#ifdef SOFTMESH_TNA
        label_counter.count();
#endif
        softmesh_drop(meta, DROP_UNKNOWN_LABEL);
    }

    table mpls_top_label {
        key = { meta.top_label: exact; }
        actions = { mpls_swap; mpls_php; mpls_pop_route; mpls_pop_next; mpls_p2mp; unknown_label; }
        default_action = unknown_label();
        size = LABEL_TABLE_SIZE;
#ifdef SOFTMESH_TNA
        counters = label_counter;
#else
        counters = top_label_counter;
#endif
    }

    table mpls_second_label {
        key = { meta.top_label: exact; }
        actions = { mpls_swap; mpls_php; mpls_pop_route; mpls_p2mp; unknown_label; }
        default_action = unknown_label();
        size = LABEL_TABLE_SIZE;
#ifndef SOFTMESH_TNA
        counters = second_label_counter;
#endif
    }

    // RFC 3270 §2.6 uniform model: the popped EXP/TC sets the DSCP underneath.
    action set_dscp_from_tc(bit<6> dscp) {
        meta.rewrite_dscp = 1;
        meta.new_dscp = dscp;
    }

    table tc_to_dscp {
        key = { meta.popped_traffic_class: exact; }
        actions = { set_dscp_from_tc; @defaultonly NoAction; }
        default_action = NoAction();
        size = 8;
    }

    apply {
        meta.route_eip = 0;
        meta.route_iip = 0;
        // RFC 3032 §2.4.3 / RFC 4950: an expiring label TTL goes to the agent.
        if (hdr.mpls[0].ttl <= 1) {
            softmesh_punt(meta, PUNT_MPLS_TTL_EXPIRED);
        } else {
            meta.top_label = hdr.mpls[0].label;
            mpls_top_label.apply();
        }

        if (meta.done == 0 && meta.pop_next == 1) {
            if (!hdr.mpls[0].isValid()) {
                softmesh_drop(meta, DROP_UNKNOWN_LABEL);  // "continue" past the bottom
            } else {
                // RFC 3443 §3.1 uniform: the label below inherits the TTL, and
                // (RFC 3270 §2.6.3) the traffic class of the popped entry.
                if (meta.ttl_uniform == TTL_MODE_UNIFORM) {
                    hdr.mpls[0].ttl = meta.popped_ttl;
                    hdr.mpls[0].traffic_class = meta.popped_traffic_class;
                }
                if (hdr.mpls[0].ttl <= 1) {
                    softmesh_punt(meta, PUNT_MPLS_TTL_EXPIRED);
                } else {
                    meta.top_label = hdr.mpls[0].label;
                    mpls_second_label.apply();
                }
            }
        }

        // RFC 3032 §2.2: what a popped bottom label leaves must be IP to be
        // routed (pop) or framed with an IP Ethernet type (PHP); the label, not
        // this router, knew any other payload type.
        bool exposed_ip = !hdr.mpls[0].isValid() && (hdr.ipv4.isValid() || hdr.ipv6.isValid());
        if (meta.done == 0 && !exposed_ip
            && (meta.popped_to_ip == 1 || (meta.php == 1 && !hdr.mpls[0].isValid()))) {
            softmesh_drop(meta, DROP_NOT_IP);
        }

        // RFC 3443 §3.1 uniform model on pop: what is exposed carries on the
        // label's TTL; pop-and-route copies it as received (the IP forwarding
        // step that follows takes one off), PHP as this hop's decremented value.
        bool uniform_pop = meta.done == 0 && meta.ttl_uniform == TTL_MODE_UNIFORM
                           && (meta.popped_to_ip == 1 || meta.php == 1);
        // A P2MP bud's local copy may pop uniformly in egress (replica_pop_uniform):
        // its DSCP is mapped here, where the TC table lives.
        bool p2mp = meta.done == 0 && meta.mcast_group != 0;
        if (p2mp) {
            meta.popped_traffic_class = hdr.mpls[0].traffic_class;
        }
        if (p2mp || (uniform_pop && !hdr.mpls[0].isValid())) {
            // RFC 3270 §2.6.3 uniform: the popped TC sets the DSCP underneath.
            tc_to_dscp.apply();
        }
        if (uniform_pop) {
            bit<8> ttl = meta.popped_ttl;
            if (meta.php == 1) {
                ttl = meta.popped_ttl - 1;
            }
            if (hdr.mpls[0].isValid()) {
                // PHP onto a label (RFC 3270 §2.6.3: TC propagated down).
                hdr.mpls[0].ttl = ttl;
                hdr.mpls[0].traffic_class = meta.popped_traffic_class;
            } else if (hdr.ipv4.isValid()) {
                hdr.ipv4.ttl = ttl;
                if (meta.rewrite_dscp == 1) {
                    hdr.ipv4.dscp = meta.new_dscp;
                }
                meta.ipv4_rewritten = 1;
            } else {
                hdr.ipv6.hop_limit = ttl;
                if (meta.rewrite_dscp == 1) {
                    hdr.ipv6.dscp = meta.new_dscp;
                }
            }
        }
    }
}

#endif
