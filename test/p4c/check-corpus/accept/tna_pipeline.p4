/* A Tofino (TNA) pipeline: optional intrinsic parameters, Hash/ActionSelector, RegisterAction with apply, Pipeline/Switch packages. */
#include <core.p4>
#include <tna.p4>

header ethernet_t { bit<48> dst; bit<48> src; bit<16> etherType; }
struct headers_t { ethernet_t ethernet; }
struct ig_meta_t { bit<16> flow_count; }
struct eg_meta_t { }

parser IgParser(packet_in pkt, out headers_t hdr, out ig_meta_t meta, out ingress_intrinsic_metadata_t ig_intr_md) {
    state start {
        pkt.extract(ig_intr_md);
        pkt.advance(PORT_METADATA_SIZE);
        pkt.extract(hdr.ethernet);
        transition accept;
    }
}

control Ig(inout headers_t hdr, inout ig_meta_t meta,
           in ingress_intrinsic_metadata_t ig_intr_md,
           in ingress_intrinsic_metadata_from_parser_t ig_prsr_md,
           inout ingress_intrinsic_metadata_for_deparser_t ig_dprsr_md,
           inout ingress_intrinsic_metadata_for_tm_t ig_tm_md) {
    Hash<bit<16>>(HashAlgorithm_t.CRC16) flow_hash;
    ActionProfile(1024) nexthop_profile;
    ActionSelector(nexthop_profile, flow_hash, SelectorMode_t.FAIR, 16, 128) nexthop_selector;
    Register<bit<16>, bit<16>>(65536, 0) flows;
    RegisterAction<bit<16>, bit<16>, bit<16>>(flows) count_flow = {
        void apply(inout bit<16> value, out bit<16> result) {
            value = value + 1;
            result = value;
        }
    };
    Counter<bit<32>, PortId_t>(512, CounterType_t.PACKETS) port_packets;

    action forward(PortId_t port) { ig_tm_md.ucast_egress_port = port; }
    action drop() { ig_dprsr_md.drop_ctl = 1; }

    table nexthop {
        key = {
            hdr.ethernet.dst: exact;
            hdr.ethernet.src: selector;
        }
        actions = { forward; drop; }
        implementation = nexthop_selector;
        size = 1024;
    }

    apply {
        port_packets.count(ig_intr_md.ingress_port);
        meta.flow_count = count_flow.execute(flow_hash.get({ hdr.ethernet.src, hdr.ethernet.dst }));
        nexthop.apply();
    }
}

control IgDeparser(packet_out pkt, inout headers_t hdr, in ig_meta_t meta, in ingress_intrinsic_metadata_for_deparser_t ig_dprsr_md) {
    apply { pkt.emit(hdr); }
}

parser EgParser(packet_in pkt, out headers_t hdr, out eg_meta_t meta, out egress_intrinsic_metadata_t eg_intr_md) {
    state start {
        pkt.extract(eg_intr_md);
        transition accept;
    }
}

control Eg(inout headers_t hdr, inout eg_meta_t meta) { apply { } }

control EgDeparser(packet_out pkt, inout headers_t hdr, in eg_meta_t meta) {
    apply { pkt.emit(hdr); }
}

Pipeline(IgParser(), Ig(), IgDeparser(), EgParser(), Eg(), EgDeparser()) pipe;
Switch(pipe) main;
