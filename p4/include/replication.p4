// softmesh — P2MP replicas in egress (RFC 4875, RFC 4461 §4.2 / §4.12).
//
// The ingress stage picked a multicast group (branch/bud label entry or an
// ingress (S,G) classifier entry); the packet replication engine makes one copy
// per (egress port, instance). Each copy finds its own rewrite here:
//   replica_swap — branch LSR: the label of this branch's S2L sub-LSP;
//   replica_push — ingress LSR: push the branch label onto the E-IP packet;
//   replica_pop  — bud LSR local copy: pop and deliver on the E-IP side.
// A copy that would leave through the port the packet came in on is pruned:
// sending it back would loop and deliver a duplicate (RFC 4461 §4.12).

#ifndef SOFTMESH_REPLICATION_P4
#define SOFTMESH_REPLICATION_P4

#include "forwarding.p4"

control SoftmeshReplicas(inout headers_t hdr, inout softmesh_metadata_t meta) {
    SoftmeshEtherType() ether_type;

    action replica_swap(bit<20> label, bit<48> dst_mac, bit<48> src_mac) {
        meta.replica_action = REPLICA_SWAP;
        meta.replica_label = label;
        hdr.ethernet.dst_addr = dst_mac;
        hdr.ethernet.src_addr = src_mac;
    }

    action replica_push(bit<20> label, bit<48> dst_mac, bit<48> src_mac) {
        meta.replica_action = REPLICA_PUSH;
        meta.replica_label = label;
        hdr.ethernet.dst_addr = dst_mac;
        hdr.ethernet.src_addr = src_mac;
    }

    action replica_pop(bit<48> dst_mac, bit<48> src_mac) {
        meta.replica_action = REPLICA_POP;
        hdr.ethernet.dst_addr = dst_mac;
        hdr.ethernet.src_addr = src_mac;
    }

    action unknown_replica() {
        softmesh_drop(meta, DROP_NO_REPLICA_REWRITE);
    }

    table p2mp_replicas {
        key = {
            meta.egress_port: exact;
            meta.egress_rid: exact;
        }
        actions = { replica_swap; replica_push; replica_pop; unknown_replica; }
        default_action = unknown_replica();
        size = REPLICA_TABLE_SIZE;
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
                // Ingress LSR, uniform TTL: the label starts from the (already
                // decremented) IP TTL.
                bit<8> ttl = 64;
                if (hdr.ipv4.isValid()) {
                    ttl = hdr.ipv4.ttl;
                } else if (hdr.ipv6.isValid()) {
                    ttl = hdr.ipv6.hop_limit;
                }
                hdr.mpls.push_front(1);
                hdr.mpls[0].setValid();
                hdr.mpls[0].label = meta.replica_label;
                hdr.mpls[0].traffic_class = 0;
                hdr.mpls[0].bottom_of_stack = 1;
                hdr.mpls[0].ttl = ttl;
            } else if (meta.replica_action == REPLICA_POP) {
                // Bud LSR: the local copy leaves the LSP (pipe model: the IP
                // header counts this router as one hop).
                // Egress cannot punt, so an expiring copy is dropped and counted.
                hdr.mpls.pop_front(1);
                if (hdr.mpls[0].isValid() || (!hdr.ipv4.isValid() && !hdr.ipv6.isValid())) {
                    softmesh_drop(meta, DROP_NOT_IP);
                } else if (hdr.ipv4.isValid()) {
                    if (hdr.ipv4.ttl <= 1) {
                        softmesh_drop(meta, DROP_REPLICA_TTL_EXPIRED);
                    } else {
                        hdr.ipv4.ttl = hdr.ipv4.ttl - 1;
                    }
                } else if (hdr.ipv6.hop_limit <= 1) {
                    softmesh_drop(meta, DROP_REPLICA_TTL_EXPIRED);
                } else {
                    hdr.ipv6.hop_limit = hdr.ipv6.hop_limit - 1;
                }
            }
        }
        if (meta.done == 0) {
            ether_type.apply(hdr, 12w0);
        }
    }
}

#endif
