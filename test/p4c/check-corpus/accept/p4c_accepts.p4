// Forms p4c accepts that the spec text does not spell out: a key named by its
// expression text (p4c prints literals without leading zeros), a value set of
// a one-field struct matched against one select expression, a parser named
// like an extern function, and run-time / and % by a power of two.
#include <core.p4>
#include <v1model.p4>

header eth_t { bit<48> dst; bit<48> src; bit<16> type; }
struct headers_t { eth_t eth; }
struct meta_t { bit<16> low; }
struct type_set_t { bit<16> type; }

parser ParserImpl(packet_in packet, out headers_t hdr, inout meta_t meta, inout standard_metadata_t sm) {
    value_set<type_set_t>(4) known_types;
    state start {
        packet.extract(hdr.eth);
        transition select(hdr.eth.type) {
            known_types: accept;
            0x0800: accept;
            default: reject;
        }
    }
}

control verify_checksum(inout headers_t hdr, inout meta_t meta) { apply { } }

control IngressImpl(inout headers_t hdr, inout meta_t meta, inout standard_metadata_t sm) {
    action forward(bit<9> port) { sm.egress_spec = port; }
    table by_bits {
        key = {
            hdr.eth.dst & 0x010101010101 : exact;
            hdr.eth.type - 10 : exact @name("type_less_10");
        }
        actions = { forward; NoAction; }
    }
    apply {
        meta.low = hdr.eth.type % 16 + hdr.eth.type / 4;
        by_bits.apply();
    }
}

control EgressImpl(inout headers_t hdr, inout meta_t meta, inout standard_metadata_t sm) { apply { } }
control ComputeImpl(inout headers_t hdr, inout meta_t meta) { apply { } }
control DeparserImpl(packet_out packet, in headers_t hdr) { apply { packet.emit(hdr.eth); } }

V1Switch(ParserImpl(), verify_checksum(), IngressImpl(), EgressImpl(), ComputeImpl(), DeparserImpl()) main;
