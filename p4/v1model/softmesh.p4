// softmesh — forwarding program for v1model (BMv2 simple_switch / simple_switch_grpc
// and the embedded switch). Behaviour lives in ../include/; this file maps it onto
// v1model: intrinsic metadata, checksums, PRE multicast, indexed counters.
//
// CPU port: 255 by default (start BMv2 with --cpu-port 255 so PacketIn/PacketOut
// travel over the P4Runtime stream); override with -DSOFTMESH_CPU_PORT_NUMBER=<n>
// (e.g. 510 for stratum-bmv2). Table sizes: p4/include/constants.p4
// (-DSOFTMESH_PROFILE_LARGE for production sizes).
//
// Pipeline (p4/include/pipeline.p4), tables in the order a packet meets them;
// each table is applied at most once per pass:
//
//   packet_out?  ── DIRECT: straight to packet_out.egress_port
//       │
//   SoftmeshAdmission   port_roles → router_macs → (ARP/ND/RSVP/router-alert punts)
//       │               → local_ipv4_addresses | local_ipv6_addresses (BGP/BFD/ICMP punts)
//   SoftmeshDecap       decap_ipv4_sources | decap_ipv6_sources   (own tunnel endpoint only)
//       │               key / cookie checks, outer headers removed
//   SoftmeshMpls        mpls_top_label → mpls_second_label → tc_to_dscp (label on top;
//       │               three entries parsed, a deeper rest is payload: RFC 3031 §3.9)
//   SoftmeshFlowHash    5-tuple / flow label hash (ECMP, outer flow label)
//   SoftmeshEipRouting  ttl → p2mp_ipv4_classifier | p2mp_ipv6_classifier
//       │               → eip_ipv4_routes | eip_ipv6_routes
//   SoftmeshEncap       softwires → softwire_payloads → dscp_to_tc  (route_softwire;
//       │               P2MP ingress: dscp_to_tc only, for the replicas' label TC)
//   SoftmeshIipRouting  ttl (native only) → iip_ipv4_routes | iip_ipv6_routes
//   SoftmeshForwarding  ecmp_groups (action selector) → nexthops → port_mtus → ethertype
//
// Egress: SoftmeshReplicas (multicast copies only): prune ingress port →
//         p2mp_replicas → swap | push (uniform/pipe) | pop (pipe/uniform) → replica_mtus.
//
// Checksums: verified for the outer IPv4 header (not under labels) and, at a
// softwire endpoint, for the inner one; recomputed only for headers this pass
// wrote (meta.ipv4_rewritten / inner_ipv4_rewritten), so a forwarded bad
// checksum stays bad instead of being repaired.
//
// Decisions leave in meta: drop (+reason), punt (+reason), mcast_group, or
// egress_port; the architecture glue turns them into intrinsic metadata and
// keeps the indexed counters (per port rx/tx, per drop reason).
//
// Counters readable over P4Runtime:
//   port_rx_counter[port], port_tx_counter[port]      indexed, packets and bytes
//   ingress_drop_counter[reason], egress_drop_counter[reason]  indexed by DROP_*
//   softwire_counter (softwires, send side), decap_ipv4_counter /
//   decap_ipv6_counter (authorised softwire sources, receive side),
//   top_label_counter / second_label_counter (MPLS labels),
//   replica_counter (P2MP branches, per port and instance)  direct, packets and bytes

#include <core.p4>
// Typed counter indices (counter<I>); p4c's own v1model.p4 defaults to an older generation.
#define V1MODEL_VERSION 20200408
#include <v1model.p4>

#ifdef SOFTMESH_CPU_PORT_NUMBER
const bit<16> SOFTMESH_CPU_PORT = SOFTMESH_CPU_PORT_NUMBER;
#else
const bit<16> SOFTMESH_CPU_PORT = 255;
#endif

#include "../include/parser.p4"
#include "../include/pipeline.p4"

parser SoftmeshV1Parser(packet_in packet, out headers_t hdr, inout softmesh_metadata_t meta,
                        inout standard_metadata_t standard_metadata) {
    SoftmeshParser() softmesh_parser;

    state start {
        meta.ingress_port = (bit<16>) standard_metadata.ingress_port;
        softmesh_parser.apply(packet, hdr, meta);
        transition accept;
    }
}

// RFC 791 §3.1 header checksum; only option-less headers are checked here
// (headers with options are punted untouched, and their checksum is the agent's),
// and not the payload of a label stack (an LSR does not look at it).
control SoftmeshV1VerifyChecksum(inout headers_t hdr, inout softmesh_metadata_t meta) {
    apply {
        verify_checksum(hdr.ipv4.isValid() && hdr.ipv4.ihl == 5 && !hdr.mpls[0].isValid(),
            { hdr.ipv4.version, hdr.ipv4.ihl, hdr.ipv4.dscp, hdr.ipv4.ecn, hdr.ipv4.total_length,
              hdr.ipv4.identification, hdr.ipv4.reserved_flag, hdr.ipv4.dont_fragment,
              hdr.ipv4.more_fragments, hdr.ipv4.fragment_offset, hdr.ipv4.ttl, hdr.ipv4.protocol,
              hdr.ipv4.src_addr, hdr.ipv4.dst_addr },
            hdr.ipv4.header_checksum, HashAlgorithm.csum16);
    }
}

control SoftmeshV1Ingress(inout headers_t hdr, inout softmesh_metadata_t meta,
                          inout standard_metadata_t standard_metadata) {
    counter<bit<32>>(PORT_COUNTER_SIZE, CounterType.packets_and_bytes) port_rx_counter;
    counter<bit<32>>(DROP_REASON_COUNT, CounterType.packets_and_bytes) ingress_drop_counter;
    SoftmeshIngressPipeline() pipeline;

    apply {
        port_rx_counter.count((bit<32>) standard_metadata.ingress_port);
        // The E-IP header inside a softwire is checked here (verify_checksum has one
        // error bit for the whole packet, and a transit router must not drop on it);
        // SoftmeshDecap drops on it only where the softwire ends. csum16 over a
        // header including a correct checksum is 0 (RFC 1071).
        if (hdr.inner_ipv4.isValid() && hdr.inner_ipv4.ihl == 5) {
            bit<16> inner_sum;
            hash(inner_sum, HashAlgorithm.csum16, 16w0,
                 { hdr.inner_ipv4.version, hdr.inner_ipv4.ihl, hdr.inner_ipv4.dscp, hdr.inner_ipv4.ecn,
                   hdr.inner_ipv4.total_length, hdr.inner_ipv4.identification, hdr.inner_ipv4.reserved_flag,
                   hdr.inner_ipv4.dont_fragment, hdr.inner_ipv4.more_fragments, hdr.inner_ipv4.fragment_offset,
                   hdr.inner_ipv4.ttl, hdr.inner_ipv4.protocol, hdr.inner_ipv4.header_checksum,
                   hdr.inner_ipv4.src_addr, hdr.inner_ipv4.dst_addr }, 32w65536);
            if (inner_sum != 0) {
                meta.inner_checksum_error = 1;
            }
        }
        // What follows an unparsed label stack is sized from the frame, for the MTU
        // check: the frame less the controller, Ethernet, VLAN and three label headers.
        if (meta.mpls_stack_unparsed == 1 && hdr.mpls[0].isValid()) {  // over Ethernet; in a softwire: decap
            bit<16> parsed = 14 + 12;
            if (hdr.packet_out.isValid()) { parsed = parsed + 4; }
            if (hdr.vlan.isValid()) { parsed = parsed + 4; }
            meta.unparsed_length = (bit<16>) standard_metadata.packet_length - parsed;
        }
        if (standard_metadata.parser_error != error.NoError) {
            softmesh_drop(meta, DROP_MALFORMED);  // truncated header, label stack overflow
        } else if (standard_metadata.checksum_error == 1) {
            softmesh_drop(meta, DROP_BAD_CHECKSUM);
        } else {
            pipeline.apply(hdr, meta);
        }

        if (meta.drop == 1) {
            ingress_drop_counter.count((bit<32>) meta.drop_reason);
            mark_to_drop(standard_metadata);
        } else if (meta.punt == 1) {
            hdr.packet_in.setValid();
            hdr.packet_in.ingress_port = meta.ingress_port;
            hdr.packet_in.reason = meta.punt_reason;
            hdr.packet_in.reserved = 0;
            hdr.packet_in.mtu = meta.punt_mtu;
            standard_metadata.egress_spec = (bit<9>) SOFTMESH_CPU_PORT;
        } else if (meta.mcast_group != 0) {
            standard_metadata.mcast_grp = meta.mcast_group;
        } else {
            standard_metadata.egress_spec = (bit<9>) meta.egress_port;
        }
    }
}

control SoftmeshV1Egress(inout headers_t hdr, inout softmesh_metadata_t meta,
                         inout standard_metadata_t standard_metadata) {
    counter<bit<32>>(PORT_COUNTER_SIZE, CounterType.packets_and_bytes) port_tx_counter;
    counter<bit<32>>(DROP_REASON_COUNT, CounterType.packets_and_bytes) egress_drop_counter;
    SoftmeshEgressPipeline() pipeline;

    apply {
        meta.egress_port = (bit<16>) standard_metadata.egress_port;
        meta.egress_rid = standard_metadata.egress_rid;
        pipeline.apply(hdr, meta);
        if (meta.drop == 1) {
            egress_drop_counter.count((bit<32>) meta.drop_reason);
            mark_to_drop(standard_metadata);
        } else {
            port_tx_counter.count((bit<32>) standard_metadata.egress_port);
        }
    }
}

control SoftmeshV1ComputeChecksum(inout headers_t hdr, inout softmesh_metadata_t meta) {
    apply {
        // RFC 1624 §2: a router updates a checksum for the fields it changed; recomputing
        // a header the pass did not touch (a label-switched packet's payload, a transit
        // softwire's E-IP packet) would "repair" a corrupted checksum in flight.
        update_checksum(hdr.ipv4.isValid() && hdr.ipv4.ihl == 5 && meta.ipv4_rewritten == 1,
            { hdr.ipv4.version, hdr.ipv4.ihl, hdr.ipv4.dscp, hdr.ipv4.ecn, hdr.ipv4.total_length,
              hdr.ipv4.identification, hdr.ipv4.reserved_flag, hdr.ipv4.dont_fragment,
              hdr.ipv4.more_fragments, hdr.ipv4.fragment_offset, hdr.ipv4.ttl, hdr.ipv4.protocol,
              hdr.ipv4.src_addr, hdr.ipv4.dst_addr },
            hdr.ipv4.header_checksum, HashAlgorithm.csum16);
        // The E-IP header inside a fresh softwire had its TTL decremented.
        update_checksum(hdr.inner_ipv4.isValid() && hdr.inner_ipv4.ihl == 5 && meta.inner_ipv4_rewritten == 1,
            { hdr.inner_ipv4.version, hdr.inner_ipv4.ihl, hdr.inner_ipv4.dscp, hdr.inner_ipv4.ecn,
              hdr.inner_ipv4.total_length, hdr.inner_ipv4.identification, hdr.inner_ipv4.reserved_flag,
              hdr.inner_ipv4.dont_fragment, hdr.inner_ipv4.more_fragments, hdr.inner_ipv4.fragment_offset,
              hdr.inner_ipv4.ttl, hdr.inner_ipv4.protocol, hdr.inner_ipv4.src_addr, hdr.inner_ipv4.dst_addr },
            hdr.inner_ipv4.header_checksum, HashAlgorithm.csum16);
    }
}

control SoftmeshV1Deparser(packet_out packet, in headers_t hdr) {
    SoftmeshEmit() emit;

    apply {
        emit.apply(packet, hdr);
    }
}

V1Switch(SoftmeshV1Parser(), SoftmeshV1VerifyChecksum(), SoftmeshV1Ingress(), SoftmeshV1Egress(),
         SoftmeshV1ComputeChecksum(), SoftmeshV1Deparser()) main;
