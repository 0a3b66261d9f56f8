// softmesh — from a route decision to a frame on a port: ECMP member choice
// (action selector over the flow hash), next hop (port and MAC rewrite), the
// egress port MTU (too big: punted so the agent answers ICMPv6 Packet Too Big /
// ICMP Fragmentation Needed, RFC 8201 / RFC 1191, or dropped — per port) and
// the Ethernet type of what is now on top.

#ifndef SOFTMESH_FORWARDING_P4
#define SOFTMESH_FORWARDING_P4

#include "decisions.p4"

// Ethernet type (and optional 802.1Q tag) for the header now on top.
control SoftmeshEtherType(inout headers_t hdr, in bit<12> vlan_id) {
    apply {
        bit<16> ether_type = hdr.ethernet.ether_type;
        if (hdr.vlan.isValid()) {
            ether_type = hdr.vlan.ether_type;
        }
        if (hdr.mpls[0].isValid()) {
            ether_type = ETHERTYPE_MPLS;
        } else if (hdr.ipv4.isValid()) {
            ether_type = ETHERTYPE_IPV4;
        } else if (hdr.ipv6.isValid()) {
            ether_type = ETHERTYPE_IPV6;
        }
        if (vlan_id == 0) {
            hdr.vlan.setInvalid();
            hdr.ethernet.ether_type = ether_type;
        } else {
            hdr.vlan.setValid();
            hdr.vlan.pcp = 0;
            hdr.vlan.drop_eligible = 0;
            hdr.vlan.vlan_id = vlan_id;
            hdr.vlan.ether_type = ether_type;
            hdr.ethernet.ether_type = ETHERTYPE_VLAN;
        }
    }
}

control SoftmeshForwarding(inout headers_t hdr, inout softmesh_metadata_t meta) {
    SoftmeshEtherType() ether_type;

#ifdef SOFTMESH_TNA
    // The flow hash is already computed: the selector's hash passes it through.
    ActionProfile(ECMP_TABLE_SIZE) ecmp_members;
    Hash<bit<16>>(HashAlgorithm_t.IDENTITY) ecmp_hash;
    ActionSelector(ecmp_members, ecmp_hash, SelectorMode_t.FAIR, ECMP_MAX_GROUP_SIZE, ECMP_GROUP_COUNT) ecmp_selector;
#endif

    action set_ecmp_nexthop(bit<16> nexthop_id) {
        meta.nexthop_id = nexthop_id;
    }

    // Members are next hops; the selector picks one per flow (RFC 2992 hash-threshold spirit).
    table ecmp_groups {
        key = {
            meta.ecmp_group_id: exact;
            meta.flow_hash: selector;
        }
        actions = { set_ecmp_nexthop; }
        size = ECMP_TABLE_SIZE;
#ifdef SOFTMESH_TNA
        implementation = ecmp_selector;
#else
        implementation = action_selector(HashAlgorithm.crc16, ECMP_TABLE_SIZE, 32w16);
#endif
    }

    action set_nexthop(bit<16> port, bit<48> dst_mac, bit<48> src_mac) {
        meta.egress_port = port;
        meta.egress_vlan = 0;
        hdr.ethernet.dst_addr = dst_mac;
        hdr.ethernet.src_addr = src_mac;
    }

    action set_nexthop_tagged(bit<16> port, bit<48> dst_mac, bit<48> src_mac, bit<12> vlan_id) {
        meta.egress_port = port;
        meta.egress_vlan = vlan_id;
        hdr.ethernet.dst_addr = dst_mac;
        hdr.ethernet.src_addr = src_mac;
    }

    action unknown_nexthop() {
        softmesh_drop(meta, DROP_NO_ROUTE);
    }

    table nexthops {
        key = { meta.nexthop_id: exact; }
        actions = { set_nexthop; set_nexthop_tagged; unknown_nexthop; }
        default_action = unknown_nexthop();
        size = NEXTHOP_TABLE_SIZE;
    }

    // mtu counts the IP packet (with any label stack), not the Ethernet header.
    action set_port_mtu(bit<16> mtu, bit<1> punt_too_big) {
        meta.mtu = mtu;
        meta.punt_too_big = punt_too_big;
    }

    table port_mtus {
        key = { meta.egress_port: exact; }
        actions = { set_port_mtu; @defaultonly NoAction; }
        default_action = NoAction();  // no limit
        size = PORT_TABLE_SIZE;
    }

    apply {
        if (meta.use_ecmp == 1) {
            ecmp_groups.apply();
        }
        nexthops.apply();
        if (meta.done == 0) {
            port_mtus.apply();
            bit<16> length = 0;
            if (hdr.ipv4.isValid()) {
                length = hdr.ipv4.total_length;
            } else if (hdr.ipv6.isValid()) {
                length = hdr.ipv6.payload_length + 40;
            }
            // Below an unparsed stack (RFC 3031 §3.9); 0 where the architecture cannot size it.
            length = length + meta.unparsed_length;
            if (meta.encapsulated == 0) {
                // The IP packet a too-big report is about: labels are overhead (RFC 3988 §2).
                meta.eip_length = length;
            }
            if (hdr.mpls[0].isValid()) { length = length + 4; }
            if (hdr.mpls[1].isValid()) { length = length + 4; }
            if (hdr.mpls[2].isValid()) { length = length + 4; }
            meta.l3_length = length;
            if (meta.mtu != 0 && length > meta.mtu) {
                if (meta.punt_too_big == 1) {
                    // RFC 1191 / RFC 8201: the agent reports the largest E-IP size that fits.
                    meta.punt_mtu = meta.mtu - (length - meta.eip_length);
                    softmesh_punt(meta, PUNT_MTU_EXCEEDED);
                } else {
                    softmesh_drop(meta, DROP_MTU_EXCEEDED);
                }
            }
        }
        if (meta.done == 0) {
            ether_type.apply(hdr, meta.egress_vlan);
        }
    }
}

#endif
