// softmesh — P2MP replicas in egress (RFC 4875, RFC 4461 §4.2 / §4.12).
//
// The ingress stage picked a multicast group (branch/bud label entry or an
// ingress (S,G) classifier entry); the packet replication engine makes one copy
// per (egress port, instance). Each copy finds its own rewrite here:
//   replica_swap — branch LSR: the label of this branch's S2L sub-LSP;
//   replica_push — ingress LSR: push the branch label onto the E-IP packet
//                  (uniform TTL; replica_push_pipe: a fixed label TTL, RFC 3443 §3.2);
//                  TC from the E-IP DSCP (dscp_to_tc, in ingress);
//   replica_pop  — bud LSR local copy: pop and deliver on the E-IP side
//                  (pipe: IP TTL - 1; replica_pop_uniform: IP TTL and DSCP from
//                  the label, RFC 3443 §3.1 / RFC 3270 §2.6.3).
// A copy that would leave through the port the packet came in on is pruned:
// sending it back would loop and deliver a duplicate (RFC 4461 §4.12). Egress
// cannot punt, so a copy too big for its port (replica_mtus) is dropped and
// counted (DROP_MTU_EXCEEDED in egress_drop_counter).

#ifndef SOFTMESH_REPLICATION_P4
#define SOFTMESH_REPLICATION_P4

#include "forwarding.p4"

control SoftmeshReplicas(inout headers_t hdr, inout softmesh_metadata_t meta) {
    SoftmeshEtherType() ether_type;
    // Per (egress port, instance): the traffic of each branch of each P2MP LSP.
#ifdef SOFTMESH_TNA
    DirectCounter<bit<64>>(CounterType_t.PACKETS_AND_BYTES) replica_counter;
#else
    direct_counter(CounterType.packets_and_bytes) replica_counter;
#endif

    action replica_swap(bit<20> label, bit<48> dst_mac, bit<48> src_mac) {
#ifdef SOFTMESH_TNA
        replica_counter.count();
#endif
        meta.replica_action = REPLICA_SWAP;
        meta.replica_label = label;
        hdr.ethernet.dst_addr = dst_mac;
        hdr.ethernet.src_addr = src_mac;
    }

    action replica_push(bit<20> label, bit<48> dst_mac, bit<48> src_mac) {
#ifdef SOFTMESH_TNA
        replica_counter.count();
#endif
        meta.replica_action = REPLICA_PUSH;
        meta.replica_label = label;
        hdr.ethernet.dst_addr = dst_mac;
        hdr.ethernet.src_addr = src_mac;
    }

    action replica_push_pipe(bit<20> label, bit<8> ttl, bit<48> dst_mac, bit<48> src_mac) {
#ifdef SOFTMESH_TNA
        replica_counter.count();
#endif
        meta.replica_action = REPLICA_PUSH;
        meta.replica_label = label;
        meta.replica_ttl = ttl;
        hdr.ethernet.dst_addr = dst_mac;
        hdr.ethernet.src_addr = src_mac;
    }

    action replica_pop(bit<48> dst_mac, bit<48> src_mac) {
#ifdef SOFTMESH_TNA
        replica_counter.count();
#endif
        meta.replica_action = REPLICA_POP;
        hdr.ethernet.dst_addr = dst_mac;
        hdr.ethernet.src_addr = src_mac;
    }

    action replica_pop_uniform(bit<48> dst_mac, bit<48> src_mac) {
#ifdef SOFTMESH_TNA
        replica_counter.count();
#endif
        meta.replica_action = REPLICA_POP;
        meta.replica_uniform = 1;
        hdr.ethernet.dst_addr = dst_mac;
        hdr.ethernet.src_addr = src_mac;
    }

    action unknown_replica() {
#ifdef SOFTMESH_TNA
        replica_counter.count();
#endif
        softmesh_drop(meta, DROP_NO_REPLICA_REWRITE);
    }

    table p2mp_replicas {
        key = {
            meta.egress_port: exact;
            meta.egress_rid: exact;
        }
        actions = { replica_swap; replica_push; replica_push_pipe; replica_pop; replica_pop_uniform; unknown_replica; }
        default_action = unknown_replica();
        size = REPLICA_TABLE_SIZE;
        counters = replica_counter;
    }

    // Same meaning as port_mtus (the IP packet with its labels), for copies.
    action set_replica_mtu(bit<16> mtu) {
        meta.mtu = mtu;
    }

    table replica_mtus {
        key = { meta.egress_port: exact; }
        actions = { set_replica_mtu; @defaultonly NoAction; }
        default_action = NoAction();  // no limit
        size = PORT_TABLE_SIZE;
    }

    apply {
        if (meta.egress_port == meta.ingress_port) {
            softmesh_drop(meta, DROP_REPLICA_TO_INGRESS);
        } else {
            p2mp_replicas.apply();
        }
        if (meta.done == 0) {
            if (meta.replica_action == REPLICA_SWAP) {
                // TTL was decremented once in ingress for all copies.
                hdr.mpls[0].label = meta.replica_label;
            } else if (meta.replica_action == REPLICA_PUSH) {
                // Ingress LSR. RFC 3443 §3.1 uniform: the label starts from the
                // (already decremented) IP TTL; §3.2 pipe: from the configured value.
                bit<8> ttl = meta.replica_ttl;
                if (ttl == 0) {
                    if (hdr.ipv4.isValid()) {
                        ttl = hdr.ipv4.ttl;
                    } else {
                        ttl = hdr.ipv6.hop_limit;
                    }
                }
                hdr.mpls.push_front(1);
                hdr.mpls[0].setValid();
                hdr.mpls[0].label = meta.replica_label;
                hdr.mpls[0].traffic_class = meta.push_traffic_class;  // RFC 3270 §2.5, from ingress
                hdr.mpls[0].bottom_of_stack = 1;
                hdr.mpls[0].ttl = ttl;
            } else if (meta.replica_action == REPLICA_POP) {
                // Bud LSR: the local copy leaves the LSP and is forwarded as IP.
                // Pipe: the IP TTL counts this router as one hop. Uniform: the IP
                // header takes the label's TTL (already decremented for this hop in
                // ingress, which punted anything that would expire) and the DSCP
                // mapped from its TC in ingress. Egress cannot punt, so a pipe copy
                // whose IP TTL expires is dropped and counted.
                bit<8> label_ttl = hdr.mpls[0].ttl;
                hdr.mpls.pop_front(1);
                if (hdr.mpls[0].isValid() || (!hdr.ipv4.isValid() && !hdr.ipv6.isValid())) {
                    softmesh_drop(meta, DROP_NOT_IP);
                } else if (meta.replica_uniform == 1) {
                    if (hdr.ipv4.isValid()) {
                        hdr.ipv4.ttl = label_ttl;
                        if (meta.rewrite_dscp == 1) {
                            hdr.ipv4.dscp = meta.new_dscp;
                        }
                        meta.ipv4_rewritten = 1;
                    } else {
                        hdr.ipv6.hop_limit = label_ttl;
                        if (meta.rewrite_dscp == 1) {
                            hdr.ipv6.dscp = meta.new_dscp;
                        }
                    }
                } else if (hdr.ipv4.isValid()) {
                    if (hdr.ipv4.ttl <= 1) {
                        softmesh_drop(meta, DROP_REPLICA_TTL_EXPIRED);
                    } else {
                        hdr.ipv4.ttl = hdr.ipv4.ttl - 1;
                        meta.ipv4_rewritten = 1;
                    }
                } else if (hdr.ipv6.hop_limit <= 1) {
                    softmesh_drop(meta, DROP_REPLICA_TTL_EXPIRED);
                } else {
                    hdr.ipv6.hop_limit = hdr.ipv6.hop_limit - 1;
                }
            }
        }
        if (meta.done == 0) {
            replica_mtus.apply();
            bit<16> length = meta.unparsed_length;
            if (hdr.ipv4.isValid()) {
                length = length + hdr.ipv4.total_length;
            } else if (hdr.ipv6.isValid()) {
                length = length + hdr.ipv6.payload_length + 40;
            }
            if (hdr.mpls[0].isValid()) { length = length + 4; }
            if (hdr.mpls[1].isValid()) { length = length + 4; }
            if (hdr.mpls[2].isValid()) { length = length + 4; }
            if (meta.mtu != 0 && length > meta.mtu) {
                softmesh_drop(meta, DROP_MTU_EXCEEDED);
            }
        }
        if (meta.done == 0) {
            ether_type.apply(hdr, 12w0);
        }
    }
}

#endif
