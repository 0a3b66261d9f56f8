// softmesh — forwarding program for the Tofino Native Architecture (TNA, Tofino 1).
// The twin of ../v1model/softmesh.p4: the same parser, pipeline and tables from
// ../include/ (compiled with SOFTMESH_TNA for the TNA externs), mapped onto TNA:
//   * PRE multicast through ig_intr_md_for_tm.mcast_grp_a; replicas carry their
//     instance (egress_rid) into egress, where p2mp_replicas rewrites each copy;
//   * source pruning in the PRE: level2_exclusion_id = ingress port, so the
//     control plane programs the level-2 prune table (exclusion id N -> port N);
//     the egress check of SoftmeshReplicas stays as the backstop;
//   * IPv4 checksum verified in the parser, recomputed in both deparsers;
//   * bridged metadata (ingress port, multicast group, punt flag, P2MP TC/DSCP) from ingress to egress;
//   * checksums recomputed only for IPv4 headers the pass wrote (meta.*_rewritten);
//   * a label stack deeper than three entries is forwarded (swap/PHP) but its
//     unparsed rest is not sized: TNA ingress has no packet length, so the MTU
//     check sees only the parsed labels there (v1model sizes it from the frame);
//   * metadata zeroed explicitly in the parser (TNA does not zero it).
//
// CPU port: 192 (Tofino 1 PCIe CPU port of a 2-pipe device; 320 on 4-pipe parts,
// 64 for the Ethernet CPU port); override with -DSOFTMESH_CPU_PORT_NUMBER=<n>.
//
// Counters readable over P4Runtime: port_rx_counter / port_tx_counter[port],
// ingress_drop_counter / egress_drop_counter[reason], softwire_counter and
// label_counter (direct).

#include <core.p4>
#include <tna.p4>

#define SOFTMESH_TNA

#ifdef SOFTMESH_CPU_PORT_NUMBER
const bit<16> SOFTMESH_CPU_PORT = SOFTMESH_CPU_PORT_NUMBER;
#else
const bit<16> SOFTMESH_CPU_PORT = 192;
#endif

#include "../include/parser.p4"
#include "../include/pipeline.p4"

// What egress needs from ingress (TNA keeps no user metadata across the TM).
header bridged_metadata_t {
    bit<16> ingress_port;
    bit<16> mcast_group;
    bit<8>  punted;        // 1: packet_in + original frame follow, egress leaves them alone
    // P2MP replica rewrites: TC of a pushed label (from the DSCP), DSCP of a uniform bud pop (from the TC).
    bit<3>  push_traffic_class;
    bit<1>  rewrite_dscp;
    bit<6>  new_dscp;
    bit<6>  reserved;
}

struct tna_headers_t {
    bridged_metadata_t bridged;
    headers_t          softmesh;
}

parser SoftmeshTnaIngressParser(packet_in pkt, out tna_headers_t hdr, out softmesh_metadata_t meta,
                                out ingress_intrinsic_metadata_t ig_intr_md,
                                out ingress_intrinsic_metadata_for_tm_t ig_tm_md,
                                out ingress_intrinsic_metadata_from_parser_t ig_prsr_md) {
    SoftmeshParser() softmesh_parser;

    state start {
        pkt.extract(ig_intr_md);
        pkt.advance(PORT_METADATA_SIZE);
        transition init_metadata;
    }

    // Every field of softmesh_metadata_t (headers.p4): the pipeline relies on zeros.
    state init_metadata {
        meta.ingress_port = 0;
        meta.vlan_id = 0;
        meta.port_role = 0;
        meta.from_cpu = 0;
        meta.done = 0;
        meta.drop = 0;
        meta.drop_reason = 0;
        meta.punt = 0;
        meta.punt_reason = 0;
        meta.punt_mtu = 0;
        meta.egress_port = 0;
        meta.mcast_group = 0;
        meta.routed = 0;
        meta.egress_vlan = 0;
        meta.checksum_error = 0;
        meta.inner_checksum_error = 0;
        meta.tunnel_type = 0;
        meta.tunnel_malformed = 0;
        meta.tunnel_key_present = 0;
        meta.tunnel_key = 0;
        meta.cookie_length = 0;
        meta.cookie = 0;
        meta.is_local = 0;
        meta.is_tunnel_endpoint = 0;
        meta.decapsulated = 0;
        meta.route_eip = 0;
        meta.route_iip = 0;
        meta.nexthop_id = 0;
        meta.ecmp_group_id = 0;
        meta.use_ecmp = 0;
        meta.tunnel_id = 0;
        meta.flow_hash = 0;
        meta.flow_src_port = 0;
        meta.flow_dst_port = 0;
        meta.encapsulated = 0;
        meta.outer_family = 0;
        meta.outer_ttl = 0;
        meta.outer_dscp = 0;
        meta.outer_dscp_copy = 0;
        meta.outer_dont_fragment = 0;
        meta.outer_flow_label_hash = 0;
        meta.outer_src = 0;
        meta.outer_dst = 0;
        meta.payload_type = 0;
        meta.payload_label = 0;
        meta.payload_has_label = 0;
        meta.lsp_label_count = 0;
        meta.lsp_label0 = 0;
        meta.lsp_label1 = 0;
        meta.lsp_label2 = 0;
        meta.eip_length = 0;
        meta.eip_ttl = 0;
        meta.eip_dscp = 0;
        meta.eip_ecn = 0;
        meta.l3_length = 0;
        meta.ipv4_rewritten = 0;
        meta.inner_ipv4_rewritten = 0;
        meta.mpls_stack_unparsed = 0;
        meta.unparsed_length = 0;
        meta.top_label = 0;
        meta.ttl_uniform = 0;
        meta.popped_ttl = 0;
        meta.popped_traffic_class = 0;
        meta.pop_next = 0;
        meta.popped_to_ip = 0;
        meta.php = 0;
        meta.rewrite_dscp = 0;
        meta.new_dscp = 0;
        meta.push_traffic_class = 0;
        meta.expected_key_present = 0;
        meta.expected_key = 0;
        meta.expected_cookie = 0;
        meta.check_key = 0;
        meta.check_cookie = 0;
        meta.mtu = 0;
        meta.punt_too_big = 0;
        meta.egress_rid = 0;
        meta.replica_action = 0;
        meta.replica_label = 0;
        meta.replica_ttl = 0;
        meta.replica_uniform = 0;
        meta.ingress_port = (bit<16>) ig_intr_md.ingress_port;
        softmesh_parser.apply(pkt, hdr.softmesh, meta);
        transition accept;
    }
}

control SoftmeshTnaIngress(inout tna_headers_t hdr, inout softmesh_metadata_t meta,
                           in ingress_intrinsic_metadata_t ig_intr_md,
                           in ingress_intrinsic_metadata_from_parser_t ig_prsr_md,
                           inout ingress_intrinsic_metadata_for_deparser_t ig_dprsr_md,
                           inout ingress_intrinsic_metadata_for_tm_t ig_tm_md) {
    Counter<bit<64>, bit<32>>(PORT_COUNTER_SIZE, CounterType_t.PACKETS_AND_BYTES) port_rx_counter;
    Counter<bit<64>, bit<32>>(DROP_REASON_COUNT, CounterType_t.PACKETS_AND_BYTES) ingress_drop_counter;
    SoftmeshIngressPipeline() pipeline;

    apply {
        port_rx_counter.count((bit<32>) ig_intr_md.ingress_port);
        if (ig_prsr_md.parser_err != PARSER_ERROR_OK) {
            softmesh_drop(meta, DROP_MALFORMED);
        } else if (meta.checksum_error == 1 && !hdr.softmesh.mpls[0].isValid()) {
            softmesh_drop(meta, DROP_BAD_CHECKSUM);
        } else {
            pipeline.apply(hdr.softmesh, meta);
        }

        hdr.bridged.setValid();
        hdr.bridged.ingress_port = meta.ingress_port;
        hdr.bridged.mcast_group = 0;
        hdr.bridged.punted = 0;
        hdr.bridged.push_traffic_class = meta.push_traffic_class;
        hdr.bridged.rewrite_dscp = meta.rewrite_dscp;
        hdr.bridged.new_dscp = meta.new_dscp;
        hdr.bridged.reserved = 0;
        if (meta.drop == 1) {
            ingress_drop_counter.count((bit<32>) meta.drop_reason);
            ig_dprsr_md.drop_ctl = 1;
        } else if (meta.punt == 1) {
            hdr.softmesh.packet_in.setValid();
            hdr.softmesh.packet_in.ingress_port = meta.ingress_port;
            hdr.softmesh.packet_in.reason = meta.punt_reason;
            hdr.softmesh.packet_in.reserved = 0;
            hdr.softmesh.packet_in.mtu = meta.punt_mtu;
            hdr.bridged.punted = 1;
            ig_tm_md.ucast_egress_port = (PortId_t) SOFTMESH_CPU_PORT;
        } else if (meta.mcast_group != 0) {
            ig_tm_md.mcast_grp_a = meta.mcast_group;
            ig_tm_md.level2_exclusion_id = (bit<9>) meta.ingress_port;  // RFC 4461 §4.12: no copy back
            hdr.bridged.mcast_group = meta.mcast_group;
        } else {
            ig_tm_md.ucast_egress_port = (PortId_t) meta.egress_port;
        }
    }
}

control SoftmeshTnaIngressDeparser(packet_out pkt, inout tna_headers_t hdr, in softmesh_metadata_t meta,
                                   in ingress_intrinsic_metadata_for_deparser_t ig_dprsr_md,
                                   in ingress_intrinsic_metadata_t ig_intr_md) {
    Checksum() ipv4_checksum;
    Checksum() inner_ipv4_checksum;
    SoftmeshEmit() emit;

    apply {
        // Only headers this pass wrote (meta.*_rewritten): a label-switched packet's
        // IPv4 payload or a transit softwire's inner header keeps its checksum, even a
        // bad one (RFC 1624 §2). Punted packets may carry a rewritten header (MTU punt).
        if (hdr.softmesh.ipv4.isValid() && hdr.softmesh.ipv4.ihl == 5 && meta.ipv4_rewritten == 1) {
            hdr.softmesh.ipv4.header_checksum = ipv4_checksum.update({
                hdr.softmesh.ipv4.version, hdr.softmesh.ipv4.ihl, hdr.softmesh.ipv4.dscp, hdr.softmesh.ipv4.ecn,
                hdr.softmesh.ipv4.total_length, hdr.softmesh.ipv4.identification, hdr.softmesh.ipv4.reserved_flag,
                hdr.softmesh.ipv4.dont_fragment, hdr.softmesh.ipv4.more_fragments, hdr.softmesh.ipv4.fragment_offset,
                hdr.softmesh.ipv4.ttl, hdr.softmesh.ipv4.protocol, hdr.softmesh.ipv4.src_addr, hdr.softmesh.ipv4.dst_addr });
        }
        if (hdr.softmesh.inner_ipv4.isValid() && hdr.softmesh.inner_ipv4.ihl == 5 && meta.inner_ipv4_rewritten == 1) {
            hdr.softmesh.inner_ipv4.header_checksum = inner_ipv4_checksum.update({
                hdr.softmesh.inner_ipv4.version, hdr.softmesh.inner_ipv4.ihl, hdr.softmesh.inner_ipv4.dscp,
                hdr.softmesh.inner_ipv4.ecn, hdr.softmesh.inner_ipv4.total_length,
                hdr.softmesh.inner_ipv4.identification, hdr.softmesh.inner_ipv4.reserved_flag,
                hdr.softmesh.inner_ipv4.dont_fragment, hdr.softmesh.inner_ipv4.more_fragments,
                hdr.softmesh.inner_ipv4.fragment_offset, hdr.softmesh.inner_ipv4.ttl,
                hdr.softmesh.inner_ipv4.protocol, hdr.softmesh.inner_ipv4.src_addr,
                hdr.softmesh.inner_ipv4.dst_addr });
        }
        pkt.emit(hdr.bridged);
        emit.apply(pkt, hdr.softmesh);
    }
}

parser SoftmeshTnaEgressParser(packet_in pkt, out tna_headers_t hdr, out softmesh_metadata_t meta,
                               out egress_intrinsic_metadata_t eg_intr_md,
                               out egress_intrinsic_metadata_from_parser_t eg_prsr_md) {
    SoftmeshParser() softmesh_parser;

    state start {
        pkt.extract(eg_intr_md);
        pkt.extract(hdr.bridged);
        transition init_metadata;
    }

    state init_metadata {
        meta.ingress_port = 0;
        meta.vlan_id = 0;
        meta.port_role = 0;
        meta.from_cpu = 0;
        meta.done = 0;
        meta.drop = 0;
        meta.drop_reason = 0;
        meta.punt = 0;
        meta.punt_reason = 0;
        meta.punt_mtu = 0;
        meta.egress_port = 0;
        meta.mcast_group = 0;
        meta.routed = 0;
        meta.egress_vlan = 0;
        meta.checksum_error = 0;
        meta.inner_checksum_error = 0;
        meta.tunnel_type = 0;
        meta.tunnel_malformed = 0;
        meta.tunnel_key_present = 0;
        meta.tunnel_key = 0;
        meta.cookie_length = 0;
        meta.cookie = 0;
        meta.is_local = 0;
        meta.is_tunnel_endpoint = 0;
        meta.decapsulated = 0;
        meta.route_eip = 0;
        meta.route_iip = 0;
        meta.nexthop_id = 0;
        meta.ecmp_group_id = 0;
        meta.use_ecmp = 0;
        meta.tunnel_id = 0;
        meta.flow_hash = 0;
        meta.flow_src_port = 0;
        meta.flow_dst_port = 0;
        meta.encapsulated = 0;
        meta.outer_family = 0;
        meta.outer_ttl = 0;
        meta.outer_dscp = 0;
        meta.outer_dscp_copy = 0;
        meta.outer_dont_fragment = 0;
        meta.outer_flow_label_hash = 0;
        meta.outer_src = 0;
        meta.outer_dst = 0;
        meta.payload_type = 0;
        meta.payload_label = 0;
        meta.payload_has_label = 0;
        meta.lsp_label_count = 0;
        meta.lsp_label0 = 0;
        meta.lsp_label1 = 0;
        meta.lsp_label2 = 0;
        meta.eip_length = 0;
        meta.eip_ttl = 0;
        meta.eip_dscp = 0;
        meta.eip_ecn = 0;
        meta.l3_length = 0;
        meta.ipv4_rewritten = 0;
        meta.inner_ipv4_rewritten = 0;
        meta.mpls_stack_unparsed = 0;
        meta.unparsed_length = 0;
        meta.top_label = 0;
        meta.ttl_uniform = 0;
        meta.popped_ttl = 0;
        meta.popped_traffic_class = 0;
        meta.pop_next = 0;
        meta.popped_to_ip = 0;
        meta.php = 0;
        meta.rewrite_dscp = 0;
        meta.new_dscp = 0;
        meta.push_traffic_class = 0;
        meta.expected_key_present = 0;
        meta.expected_key = 0;
        meta.expected_cookie = 0;
        meta.check_key = 0;
        meta.check_cookie = 0;
        meta.mtu = 0;
        meta.punt_too_big = 0;
        meta.egress_rid = 0;
        meta.replica_action = 0;
        meta.replica_label = 0;
        meta.replica_ttl = 0;
        meta.replica_uniform = 0;
        // Not the CPU port: packet_out never reaches egress (ingress removed it).
        meta.ingress_port = 0;
        transition select(hdr.bridged.punted) {
            1: accept;
            default: parse_packet;
        }
    }

    state parse_packet {
        softmesh_parser.apply(pkt, hdr.softmesh, meta);
        transition accept;
    }
}

control SoftmeshTnaEgress(inout tna_headers_t hdr, inout softmesh_metadata_t meta,
                          in egress_intrinsic_metadata_t eg_intr_md,
                          in egress_intrinsic_metadata_from_parser_t eg_prsr_md,
                          inout egress_intrinsic_metadata_for_deparser_t eg_dprsr_md,
                          inout egress_intrinsic_metadata_for_output_port_t eg_oport_md) {
    Counter<bit<64>, bit<32>>(PORT_COUNTER_SIZE, CounterType_t.PACKETS_AND_BYTES) port_tx_counter;
    Counter<bit<64>, bit<32>>(DROP_REASON_COUNT, CounterType_t.PACKETS_AND_BYTES) egress_drop_counter;
    SoftmeshEgressPipeline() pipeline;

    apply {
        meta.ingress_port = hdr.bridged.ingress_port;
        meta.mcast_group = hdr.bridged.mcast_group;
        meta.push_traffic_class = hdr.bridged.push_traffic_class;
        meta.rewrite_dscp = hdr.bridged.rewrite_dscp;
        meta.new_dscp = hdr.bridged.new_dscp;
        meta.egress_port = (bit<16>) eg_intr_md.egress_port;
        meta.egress_rid = eg_intr_md.egress_rid;
        hdr.bridged.setInvalid();
        pipeline.apply(hdr.softmesh, meta);
        if (meta.drop == 1) {
            egress_drop_counter.count((bit<32>) meta.drop_reason);
            eg_dprsr_md.drop_ctl = 1;
        } else {
            port_tx_counter.count((bit<32>) eg_intr_md.egress_port);
        }
    }
}

control SoftmeshTnaEgressDeparser(packet_out pkt, inout tna_headers_t hdr, in softmesh_metadata_t meta,
                                  in egress_intrinsic_metadata_for_deparser_t eg_dprsr_md,
                                  in egress_intrinsic_metadata_t eg_intr_md,
                                  in egress_intrinsic_metadata_from_parser_t eg_prsr_md) {
    Checksum() ipv4_checksum;
    SoftmeshEmit() emit;

    apply {
        // Replica rewrites (bud pop) change the IPv4 TTL; egress metadata starts from
        // zero, so the flag is this egress pass's own (ingress already recomputed).
        if (hdr.softmesh.ipv4.isValid() && hdr.softmesh.ipv4.ihl == 5 && meta.ipv4_rewritten == 1) {
            hdr.softmesh.ipv4.header_checksum = ipv4_checksum.update({
                hdr.softmesh.ipv4.version, hdr.softmesh.ipv4.ihl, hdr.softmesh.ipv4.dscp, hdr.softmesh.ipv4.ecn,
                hdr.softmesh.ipv4.total_length, hdr.softmesh.ipv4.identification, hdr.softmesh.ipv4.reserved_flag,
                hdr.softmesh.ipv4.dont_fragment, hdr.softmesh.ipv4.more_fragments, hdr.softmesh.ipv4.fragment_offset,
                hdr.softmesh.ipv4.ttl, hdr.softmesh.ipv4.protocol, hdr.softmesh.ipv4.src_addr, hdr.softmesh.ipv4.dst_addr });
        }
        emit.apply(pkt, hdr.softmesh);
    }
}

Pipeline(SoftmeshTnaIngressParser(), SoftmeshTnaIngress(), SoftmeshTnaIngressDeparser(),
         SoftmeshTnaEgressParser(), SoftmeshTnaEgress(), SoftmeshTnaEgressDeparser()) pipe;

Switch(pipe) main;
