// Generic functions specialized per type-argument list (inferred or explicit),
// and directionless function parameters (read-only, like `in`, as p4c accepts
// them).
#include <core.p4>
#include <v1model.p4>

header eth_t { bit<48> dst; bit<48> src; bit<16> type; }
struct headers_t { eth_t eth; }
struct meta_t { bit<16> saved; }

T pick<T>(in bool first, in T a, in T b) {
    if (first) {
        return a;
    }
    return b;
}

// A generic function calling generic functions with its own type variable.
U pick_again<U>(in bool first, in U a, in U b) {
    return pick(!first, pick(first, a, b), a);
}

void exchange<T>(inout T a, inout T b) {
    T saved = a;
    a = b;
    b = saved;
}

bit<16> next_type(eth_t eth) {
    return eth.type + 1;
}

parser ParserImpl(packet_in packet, out headers_t hdr, inout meta_t meta, inout standard_metadata_t sm) {
    state start {
        packet.extract(hdr.eth);
        transition accept;
    }
}

control VerifyImpl(inout headers_t hdr, inout meta_t meta) { apply { } }

control IngressImpl(inout headers_t hdr, inout meta_t meta, inout standard_metadata_t sm) {
    counter(32w4, CounterType.packets) seen;
    // A generic function local to a control runs in the control's frame.
    T keep<T>(in T value) {
        T copy = value;
        return copy;
    }
    apply {
        meta.saved = keep(meta.saved);
        hdr.eth.src = keep<bit<48>>(1);
        seen.count(32w0);
        hdr.eth.type = next_type(hdr.eth);
        hdr.eth.dst = pick(hdr.eth.type == 0x800, hdr.eth.dst, hdr.eth.src);
        meta.saved = pick<bit<16>>(true, hdr.eth.type, 7);
        exchange(hdr.eth.dst, hdr.eth.src);
        exchange(meta.saved, hdr.eth.type);
        hdr.eth.type = pick_again(false, hdr.eth.type, 16w1);
    }
}

control EgressImpl(inout headers_t hdr, inout meta_t meta, inout standard_metadata_t sm) { apply { } }
control ComputeImpl(inout headers_t hdr, inout meta_t meta) { apply { } }
control DeparserImpl(packet_out packet, in headers_t hdr) { apply { packet.emit(hdr.eth); } }

V1Switch(ParserImpl(), VerifyImpl(), IngressImpl(), EgressImpl(), ComputeImpl(), DeparserImpl()) main;
