// softmesh — softwire termination at the egress AFBR (§4.3, §14.2).
//
// Runs for packets whose outer destination is one of the router's tunnel
// endpoints (SoftmeshAdmission). A softwire is accepted only from an authorised
// transmitting endpoint: the (outer source, outer destination, tunnel type)
// entry names what the sender must present (GRE key, L2TPv3 session and cookie).
// The entry is keyed without the GRE key / session so that a wrong key is told
// apart from an unknown sender in the drop counters. Accepted packets lose their
// outer headers and the E-IP packet moves to the outer slots, to be routed in the
// E-IP tables in the same pass.

#ifndef SOFTMESH_TUNNEL_DECAP_P4
#define SOFTMESH_TUNNEL_DECAP_P4

#include "decisions.p4"

control SoftmeshDecap(inout headers_t hdr, inout softmesh_metadata_t meta) {
#ifndef SOFTMESH_TNA
    // Per authorised (source, endpoint, type): the receive side of each softwire,
    // counted on admission (drops for key/cookie show in ingress_drop_counter).
    // TNA: a direct counter counts only in actions that call count(), and these
    // actions serve two tables; there the per-tunnel receive count is not kept.
    direct_counter(CounterType.packets_and_bytes) decap_ipv4_counter;
    direct_counter(CounterType.packets_and_bytes) decap_ipv6_counter;
#endif
    // IP-in-IP and MPLS-in-IP carry nothing to check beyond the addresses.
    action permit_plain() { }

    // RFC 2890 §2.1: with a key configured, packets without the key or with
    // another key are not part of this softwire.
    action permit_gre(bit<1> key_present, bit<32> gre_key) {
        meta.check_key = 1;
        meta.expected_key_present = key_present;
        meta.expected_key = gre_key;
    }

    // RFC 3931 §4.1: the receiver discards packets whose cookie does not match
    // the one it assigned to the session.
    action permit_l2tpv3(bit<32> session_id, bit<64> cookie) {
        meta.check_key = 1;
        meta.expected_key_present = 1;
        meta.expected_key = session_id;
        meta.check_cookie = 1;
        meta.expected_cookie = cookie;
    }

    action unauthorised_source() {
        softmesh_drop(meta, DROP_UNAUTHORISED_SOURCE);
    }

    table decap_ipv4_sources {
        key = {
            hdr.ipv4.src_addr: exact;
            hdr.ipv4.dst_addr: exact;
            meta.tunnel_type: exact;
        }
        actions = { permit_plain; permit_gre; permit_l2tpv3; unauthorised_source; }
        default_action = unauthorised_source();
        size = DECAP_SOURCE_TABLE_SIZE;
#ifndef SOFTMESH_TNA
        counters = decap_ipv4_counter;
#endif
    }

    table decap_ipv6_sources {
        key = {
            hdr.ipv6.src_addr: exact;
            hdr.ipv6.dst_addr: exact;
            meta.tunnel_type: exact;
        }
        actions = { permit_plain; permit_gre; permit_l2tpv3; unauthorised_source; }
        default_action = unauthorised_source();
        size = DECAP_SOURCE_TABLE_SIZE;
#ifndef SOFTMESH_TNA
        counters = decap_ipv6_counter;
#endif
    }

    apply {
        if (meta.port_role == PORT_ROLE_CLIENT) {
            // §14.2: softwires come from the core; a client cannot inject one.
            softmesh_drop(meta, DROP_TUNNEL_FROM_CLIENT);
        } else if (meta.tunnel_malformed == 1) {
            softmesh_drop(meta, DROP_MALFORMED);
        } else if (hdr.ipv4.isValid()) {
            decap_ipv4_sources.apply();
        } else {
            decap_ipv6_sources.apply();
        }

        if (meta.done == 0) {
            if (meta.check_key == 1 && (meta.tunnel_key_present != meta.expected_key_present
                                        || meta.tunnel_key != meta.expected_key)) {
                softmesh_drop(meta, DROP_BAD_KEY);
            } else if (meta.check_cookie == 1 && meta.cookie != meta.expected_cookie) {
                softmesh_drop(meta, DROP_BAD_COOKIE);
            } else if (hdr.inner_ipv4.isValid()) {
                if (hdr.inner_ipv4.version != 4 || hdr.inner_ipv4.ihl < 5) {
                    softmesh_drop(meta, DROP_MALFORMED);
                } else if (hdr.inner_ipv4.ihl == 5 && meta.inner_checksum_error == 1) {
                    // RFC 1812 §5.2.2: the E-IP packet is forwarded from here, so its
                    // header is verified like a native one (not repaired by the rewrite).
                    softmesh_drop(meta, DROP_BAD_CHECKSUM);
                }
            } else if (hdr.inner_ipv6.isValid()) {
                if (hdr.inner_ipv6.version != 6) {
                    softmesh_drop(meta, DROP_MALFORMED);
                }
            } else if (!hdr.tunnel_mpls[0].isValid()) {
                softmesh_drop(meta, DROP_MALFORMED);  // truncated or unknown payload
            }
        }

        if (meta.done == 0) {
            if (meta.mpls_stack_unparsed == 1) {
                // RFC 3031 §3.9 inside a softwire: what follows the three parsed
                // labels is the outer payload less the tunnel header and those labels.
                bit<16> carried = 0;
                if (hdr.ipv4.isValid()) {
                    carried = hdr.ipv4.total_length - (((bit<16>) hdr.ipv4.ihl) << 2);
                } else {
                    carried = hdr.ipv6.payload_length;
                }
                if (hdr.gre.isValid()) { carried = carried - 4; }
                if (hdr.gre_checksum.isValid()) { carried = carried - 4; }
                if (hdr.gre_key.isValid()) { carried = carried - 4; }
                if (hdr.gre_sequence.isValid()) { carried = carried - 4; }
                meta.unparsed_length = carried - 12;
            }
            hdr.ipv4.setInvalid();
            hdr.ipv6.setInvalid();
            hdr.gre.setInvalid();
            hdr.gre_checksum.setInvalid();
            hdr.gre_key.setInvalid();
            hdr.gre_sequence.setInvalid();
            hdr.l2tpv3_session.setInvalid();
            hdr.l2tpv3_cookie_high.setInvalid();
            hdr.l2tpv3_cookie_low.setInvalid();
            // RFC 4023 §3/§4: the MPLS payload is processed by its label in this pass.
            hdr.mpls[0] = hdr.tunnel_mpls[0];
            hdr.mpls[1] = hdr.tunnel_mpls[1];
            hdr.mpls[2] = hdr.tunnel_mpls[2];
            hdr.tunnel_mpls[0].setInvalid();
            hdr.tunnel_mpls[1].setInvalid();
            hdr.tunnel_mpls[2].setInvalid();
            // The E-IP header moves out unchanged: its checksum is recomputed
            // only if routing changes it (a bad one stays bad, RFC 1812 §4.2.2.5).
            meta.ipv4_rewritten = 0;
            if (hdr.inner_ipv4.isValid()) {
                hdr.ipv4 = hdr.inner_ipv4;
                hdr.inner_ipv4.setInvalid();
            }
            if (hdr.inner_ipv6.isValid()) {
                hdr.ipv6 = hdr.inner_ipv6;
                hdr.inner_ipv6.setInvalid();
            }
            // The frame now carries the E-IP packet (or the label stack) directly.
            bit<16> ether_type = ETHERTYPE_IPV6;
            if (hdr.mpls[0].isValid()) {
                ether_type = ETHERTYPE_MPLS;
            } else if (hdr.ipv4.isValid()) {
                ether_type = ETHERTYPE_IPV4;
            }
            if (hdr.vlan.isValid()) {
                hdr.vlan.ether_type = ether_type;
            } else {
                hdr.ethernet.ether_type = ether_type;
            }
            meta.decapsulated = 1;
            meta.route_eip = 1;
            meta.route_iip = 0;
            // The E-IP packet is forwarded, not consumed: options and hop-by-hop
            // headers inside a softwire take the slow path like native ones.
            if (hdr.ipv4.isValid() && !hdr.mpls[0].isValid() && hdr.ipv4.ihl != 5) {
                softmesh_punt(meta, PUNT_IP_OPTIONS);
            } else if (hdr.ipv6.isValid() && !hdr.mpls[0].isValid()
                       && hdr.ipv6.next_header == IP_PROTOCOL_HOP_BY_HOP) {
                softmesh_punt(meta, PUNT_IP_OPTIONS);
            }
        }
    }
}

#endif
