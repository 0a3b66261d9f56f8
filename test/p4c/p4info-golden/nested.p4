// A control instantiated inside another (names get the instance path), a
// struct value set with @match kinds, a digest of a struct holding a header,
// and annotations P4Info copies verbatim.
#include <core.p4>
#include <v1model.p4>

header vlan_t {
    bit<3> pcp;
    bit<1> dei;
    bit<12> vid;
    bit<16> ether_type;
}

struct key_t {
    @match(ternary) bit<16> ether_type;
    bit<8> protocol;
}

struct report_t {
    vlan_t vlan;
    bool flagged;
    error reason;
}

struct headers_t {
    vlan_t vlan;
}

struct metadata_t {
    bit<16> ether_type;
    bit<8> protocol;
}

parser NestedParser(packet_in packet, out headers_t hdr, inout metadata_t meta, inout standard_metadata_t sm) {
    value_set<key_t>(8) interesting;

    state start {
        packet.extract(hdr.vlan);
        transition select(meta.ether_type, meta.protocol) {
            interesting: accept;
            default: accept;
        }
    }
}

control Filter(inout headers_t hdr, inout metadata_t meta, inout standard_metadata_t sm) {
    action block() {
        mark_to_drop(sm);
    }

    action report() {
        digest<report_t>(1, { hdr.vlan, true, error.NoError });
    }

    @format(VLAN_TABLE) @my_tag("x", 3)
    table vlan_filter {
        key = {
            hdr.vlan.vid: exact @format(VLAN_ID);
            hdr.vlan.isValid(): exact;
        }
        actions = { block; report; NoAction; }
        default_action = NoAction();
        size = 4096;
    }

    apply {
        vlan_filter.apply();
    }
}

control NestedIngress(inout headers_t hdr, inout metadata_t meta, inout standard_metadata_t sm) {
    Filter() outer_filter;
    Filter() inner_filter;

    apply {
        outer_filter.apply(hdr, meta, sm);
        inner_filter.apply(hdr, meta, sm);
    }
}

control NestedVerify(inout headers_t hdr, inout metadata_t meta) { apply { } }
control NestedEgress(inout headers_t hdr, inout metadata_t meta, inout standard_metadata_t sm) { apply { } }
control NestedCompute(inout headers_t hdr, inout metadata_t meta) { apply { } }
control NestedDeparser(packet_out packet, in headers_t hdr) { apply { packet.emit(hdr.vlan); } }

V1Switch(NestedParser(), NestedVerify(), NestedIngress(), NestedEgress(), NestedCompute(), NestedDeparser()) main;
