// softmesh — the forwarding pipeline, architecture-neutral. The table order is
// documented at the top of ../v1model/softmesh.p4; keep the two in step.

#ifndef SOFTMESH_PIPELINE_P4
#define SOFTMESH_PIPELINE_P4

#include "admission.p4"
#include "tunnel_decap.p4"
#include "mpls.p4"
#include "routing.p4"
#include "tunnel_encap.p4"
#include "forwarding.p4"
#include "replication.p4"

control SoftmeshIngressPipeline(inout headers_t hdr, inout softmesh_metadata_t meta) {
    SoftmeshAdmission() admission;
    SoftmeshDecap() decap;
    SoftmeshMpls() mpls;
    SoftmeshFlowHash() flow_hash;
    SoftmeshEipRouting() eip;
    SoftmeshEncap() encap;
    SoftmeshIipRouting() iip;
    SoftmeshForwarding() forwarding;

    apply {
        bit<1> direct = 0;
        if (hdr.packet_out.isValid()) {
            meta.from_cpu = 1;
            if (hdr.packet_out.mode == PACKET_OUT_DIRECT) {
                direct = 1;
                meta.egress_port = hdr.packet_out.egress_port;
            } else if (hdr.packet_out.mode == PACKET_OUT_ROUTE_CORE) {
                meta.port_role = PORT_ROLE_CORE;
            } else {
                meta.port_role = PORT_ROLE_CLIENT;
            }
            hdr.packet_out.setInvalid();
        }

        if (direct == 0) {
            admission.apply(hdr, meta);
            if (meta.done == 0 && meta.is_tunnel_endpoint == 1 && meta.tunnel_type != TUNNEL_NONE
                && !hdr.mpls[0].isValid()) {
                decap.apply(hdr, meta);
            }
            if (meta.done == 0 && hdr.mpls[0].isValid()) {
                mpls.apply(hdr, meta);
            }
            if (meta.done == 0 && (meta.route_eip == 1 || meta.route_iip == 1)) {
                flow_hash.apply(hdr, meta);
            }
            if (meta.done == 0 && meta.route_eip == 1) {
                eip.apply(hdr, meta);
            }
            // A softwire, or a P2MP ingress LSR whose replicas push a label.
            if (meta.done == 0 && (meta.tunnel_id != 0 || (meta.mcast_group != 0 && !hdr.mpls[0].isValid()))) {
                encap.apply(hdr, meta);
            }
            if (meta.done == 0 && meta.route_iip == 1) {
                iip.apply(hdr, meta);
            }
            if (meta.done == 0 && meta.routed == 1) {
                forwarding.apply(hdr, meta);
            }
            if (meta.done == 0 && meta.routed == 0 && meta.mcast_group == 0) {
                softmesh_drop(meta, DROP_NO_ROUTE);  // no stage took the packet
            }

            // An E-IP packet too big for its softwire goes to the agent as it was
            // before encapsulation, so the ICMP error quotes the right header.
            if (meta.punt == 1 && meta.punt_reason == PUNT_MTU_EXCEEDED && meta.encapsulated == 1) {
                if (meta.outer_family != OUTER_NONE) {
                    hdr.ipv4.setInvalid();
                    hdr.ipv6.setInvalid();
                    hdr.gre.setInvalid();
                    hdr.gre_key.setInvalid();
                    hdr.l2tpv3_session.setInvalid();
                    hdr.l2tpv3_cookie_high.setInvalid();
                    hdr.l2tpv3_cookie_low.setInvalid();
                    hdr.tunnel_mpls[0].setInvalid();
                    meta.ipv4_rewritten = 0;
                    if (hdr.inner_ipv4.isValid()) {
                        hdr.ipv4 = hdr.inner_ipv4;
                        meta.ipv4_rewritten = meta.inner_ipv4_rewritten;
                        hdr.inner_ipv4.setInvalid();
                    } else {
                        hdr.ipv6 = hdr.inner_ipv6;
                        hdr.inner_ipv6.setInvalid();
                    }
                }
                hdr.mpls[0].setInvalid();
                hdr.mpls[1].setInvalid();
                hdr.mpls[2].setInvalid();
            }
        }
    }
}

control SoftmeshEgressPipeline(inout headers_t hdr, inout softmesh_metadata_t meta) {
    SoftmeshReplicas() replicas;

    apply {
        if (meta.mcast_group != 0) {
            replicas.apply(hdr, meta);
        }
    }
}

#endif
