// softmesh — admission: port roles, router MAC, sanity checks and punts.
//
// Decides, before any forwarding lookup, whether a packet is for the router's
// control plane (ARP, ND, RSVP, router alert, BGP/BFD/ICMP to an own address),
// is a softwire to terminate, or is to be forwarded, and in which address space
// (E-IP on client-facing ports, I-IP on core-facing ports; §4.1 of the
// softwire mesh framework).

#ifndef SOFTMESH_ADMISSION_P4
#define SOFTMESH_ADMISSION_P4

#include "decisions.p4"

control SoftmeshAdmission(inout headers_t hdr, inout softmesh_metadata_t meta) {
    action set_port_role(bit<2> role) {
        meta.port_role = role;
    }

    action unconfigured_port() {
        meta.port_role = PORT_ROLE_UNCONFIGURED;
    }

    // (port, VLAN id) -> role; VLAN id 0 is the untagged traffic of the port.
    table port_roles {
        key = {
            meta.ingress_port: exact;
            meta.vlan_id: exact;
        }
        actions = { set_port_role; unconfigured_port; }
        default_action = unconfigured_port();
        size = PORT_TABLE_SIZE;
    }

    action router_mac_hit() { }

    table router_macs {
        key = { hdr.ethernet.dst_addr: exact; }
        actions = { router_mac_hit; @defaultonly NoAction; }
        default_action = NoAction();
        size = ROUTER_MAC_TABLE_SIZE;
    }

    action local_host() {
        meta.is_local = 1;
    }

    // §14.2: tunnel receiving endpoints are a distinct set of addresses.
    action local_tunnel_endpoint() {
        meta.is_local = 1;
        meta.is_tunnel_endpoint = 1;
    }

    table local_ipv4_addresses {
        key = { hdr.ipv4.dst_addr: exact; }
        actions = { local_host; local_tunnel_endpoint; @defaultonly NoAction; }
        default_action = NoAction();
        size = LOCAL_ADDRESS_TABLE_SIZE;
    }

    table local_ipv6_addresses {
        key = { hdr.ipv6.dst_addr: exact; }
        actions = { local_host; local_tunnel_endpoint; @defaultonly NoAction; }
        default_action = NoAction();
        size = LOCAL_ADDRESS_TABLE_SIZE;
    }

    apply {
        if (meta.from_cpu == 0) {
            port_roles.apply();
            if (meta.port_role == PORT_ROLE_UNCONFIGURED) {
                softmesh_drop(meta, DROP_UNKNOWN_PORT);
            }
        }

        // Layer 2: ARP and ND are punted whatever their destination MAC
        // (broadcast, solicited-node multicast); other frames must be addressed
        // to the router or be multicast (the P2MP ingress classifier decides).
        bit<16> ether_type = hdr.ethernet.ether_type;
        if (hdr.vlan.isValid()) {
            ether_type = hdr.vlan.ether_type;
        }
        if (meta.done == 0) {
            if (ether_type == ETHERTYPE_ARP) {
                softmesh_punt(meta, PUNT_ARP);
            } else if (hdr.ipv6.isValid() && hdr.icmp.isValid() && !hdr.mpls[0].isValid()
                       && hdr.ipv6.next_header == IP_PROTOCOL_ICMPV6
                       && hdr.icmp.icmp_type >= 133 && hdr.icmp.icmp_type <= 137) {
                // RFC 4861 §4: router/neighbor solicitation/advertisement, redirect.
                softmesh_punt(meta, PUNT_NEIGHBOR_DISCOVERY);
            } else if (meta.from_cpu == 0 && hdr.ethernet.dst_addr[40:40] == 0) {
                if (!router_macs.apply().hit) {
                    softmesh_drop(meta, DROP_NOT_ROUTER_MAC);
                }
            }
        }

        // Layer 3 sanity and the punts that do not depend on the destination.
        if (meta.done == 0 && !hdr.mpls[0].isValid()) {
            if (hdr.ipv4.isValid()) {
                if (hdr.ipv4.version != 4 || hdr.ipv4.ihl < 5) {
                    softmesh_drop(meta, DROP_MALFORMED);
                } else if (hdr.ipv4_option.isValid() && hdr.ipv4_option.option_type == IPV4_OPTION_ROUTER_ALERT) {
                    softmesh_punt(meta, PUNT_ROUTER_ALERT);  // RFC 2113 (RSVP Path, RFC 2205 §3.1.1)
                } else if (hdr.ipv4.ihl > 5) {
                    softmesh_punt(meta, PUNT_IP_OPTIONS);
                } else if (hdr.ipv4.protocol == IP_PROTOCOL_RSVP) {
                    softmesh_punt(meta, PUNT_RSVP);
                }
            } else if (hdr.ipv6.isValid()) {
                if (hdr.ipv6.version != 6) {
                    softmesh_drop(meta, DROP_MALFORMED);
                } else if (hdr.ipv6_hop_by_hop.isValid()) {
                    if (hdr.ipv6_hop_by_hop.option_type == IPV6_OPTION_ROUTER_ALERT) {
                        softmesh_punt(meta, PUNT_ROUTER_ALERT);  // RFC 2711
                    } else {
                        softmesh_punt(meta, PUNT_IP_OPTIONS);
                    }
                } else if (hdr.ipv6.next_header == IP_PROTOCOL_RSVP) {
                    softmesh_punt(meta, PUNT_RSVP);
                }
            } else {
                softmesh_drop(meta, DROP_NOT_IP);
            }
        }

        // RFC 1812 §5.3.4: a link-layer broadcast/multicast frame is forwarded
        // only when it carries an IP multicast destination (P2MP ingress traffic).
        if (meta.done == 0 && meta.from_cpu == 0 && hdr.ethernet.dst_addr[40:40] == 1
            && !hdr.mpls[0].isValid()) {
            if ((hdr.ipv4.isValid() && hdr.ipv4.dst_addr[31:28] != 0xE)
                || (hdr.ipv6.isValid() && hdr.ipv6.dst_addr[127:120] != 0xFF)) {
                softmesh_drop(meta, DROP_NOT_ROUTER_MAC);
            }
        }

        // Own addresses. IP under a label stack is looked at only once popped.
        if (meta.done == 0 && !hdr.mpls[0].isValid()) {
            bit<8> protocol = 0;
            if (hdr.ipv4.isValid()) {
                local_ipv4_addresses.apply();
                protocol = hdr.ipv4.protocol;
            } else {
                local_ipv6_addresses.apply();
                protocol = hdr.ipv6.next_header;
            }
            if (meta.is_local == 1) {
                if (meta.tunnel_type != TUNNEL_NONE) {
                    if (meta.is_tunnel_endpoint == 0) {
                        softmesh_drop(meta, DROP_UNKNOWN_ENDPOINT);  // §4.3: decap only at an endpoint
                    }
                } else if (protocol == IP_PROTOCOL_TCP
                           && (meta.flow_dst_port == TCP_PORT_BGP || meta.flow_src_port == TCP_PORT_BGP)) {
                    softmesh_punt(meta, PUNT_BGP);
                } else if (protocol == IP_PROTOCOL_UDP
                           && (meta.flow_dst_port == UDP_PORT_BFD_SINGLE_HOP
                               || meta.flow_dst_port == UDP_PORT_BFD_MULTI_HOP)) {
                    softmesh_punt(meta, PUNT_BFD);
                } else if (protocol == IP_PROTOCOL_ICMP || protocol == IP_PROTOCOL_ICMPV6) {
                    softmesh_punt(meta, PUNT_ICMP);
                } else {
                    softmesh_punt(meta, PUNT_LOCAL);
                }
            }
        }

        // Address space for the route lookup (core ports: I-IP, others: E-IP).
        if (meta.port_role == PORT_ROLE_CORE) {
            meta.route_iip = 1;
        } else {
            meta.route_eip = 1;
        }
    }
}

#endif
