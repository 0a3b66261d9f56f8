// Direct type invocation (spec §15.1: `T.apply()` instantiates T anonymously in
// the caller, named after T), a control instance passed as a constructor
// argument of control type, and a register whose index type is left open and
// defaults to bit<32> at an unsized index (as p4c compiles it).
#include <core.p4>
#include <v1model.p4>

header eth_t { bit<48> dst; bit<48> src; bit<16> type; }
struct headers_t { eth_t eth; }
struct meta_t { }

control step_type(inout bit<16> x);

control Increment(inout bit<16> x) {
    apply { x = x + 1; }
}

control Twice(inout bit<16> x)(step_type step) {
    apply {
        step.apply(x);
        step.apply(x);
    }
}

control Shift(inout bit<16> x) {
    apply { x = x << 1; }
}

register<bit<16>>(4) last_type;

parser ParserImpl(packet_in packet, out headers_t hdr, inout meta_t meta, inout standard_metadata_t sm) {
    state start {
        packet.extract(hdr.eth);
        transition accept;
    }
}

control VerifyImpl(inout headers_t hdr, inout meta_t meta) { apply { } }

control IngressImpl(inout headers_t hdr, inout meta_t meta, inout standard_metadata_t sm) {
    Increment() one;
    Twice(one) two;
    Twice(Increment()) other;
    apply {
        two.apply(hdr.eth.type);
        other.apply(hdr.eth.type);
        Shift.apply(hdr.eth.type);
        Shift.apply(hdr.eth.type);
        last_type.write(1, hdr.eth.type);
        last_type.read(hdr.eth.type, 0);
    }
}

control EgressImpl(inout headers_t hdr, inout meta_t meta, inout standard_metadata_t sm) { apply { } }
control ComputeImpl(inout headers_t hdr, inout meta_t meta) { apply { } }
control DeparserImpl(packet_out packet, in headers_t hdr) { apply { packet.emit(hdr.eth); } }

V1Switch(ParserImpl(), VerifyImpl(), IngressImpl(), EgressImpl(), ComputeImpl(), DeparserImpl()) main;
