// `...` initializers (spec v1.2.2 "Initializing with default values"): the
// fields and elements not written take their type's default value (0, false,
// error.NoError, an enum's first member, invalid nested headers).
#include <core.p4>
#include <v1model.p4>

enum Color { Red, Green }
enum bit<8> Code { A = 1, B = 2 }
header eth_t { bit<48> dst; bit<48> src; bit<16> type; }
struct inner_t { bool flag; Color color; Code code; error status; }
struct headers_t { eth_t eth; }
struct meta_t { bit<16> count; inner_t inner; eth_t copy; }

parser ParserImpl(packet_in packet, out headers_t hdr, inout meta_t meta, inout standard_metadata_t sm) {
    state start {
        packet.extract(hdr.eth);
        meta = { count = 1, ... };
        transition accept;
    }
}

control VerifyImpl(inout headers_t hdr, inout meta_t meta) { apply { } }

control IngressImpl(inout headers_t hdr, inout meta_t meta, inout standard_metadata_t sm) {
    apply {
        inner_t fresh = { ... };
        eth_t blank = ...;
        meta.copy = blank.isValid() ? blank : meta.copy;
        meta.inner = { flag = true, ... };
        meta.copy = { dst = hdr.eth.dst, ... };
        tuple<bit<8>, bool> pair = { 8w3, ... };
        eth_t probe = (eth_t){ type = 0x800, ... };
        if (fresh.flag || pair[1]) {
            meta.count = (bit<16>)pair[0] + probe.type;
        }
    }
}

control EgressImpl(inout headers_t hdr, inout meta_t meta, inout standard_metadata_t sm) { apply { } }
control ComputeImpl(inout headers_t hdr, inout meta_t meta) { apply { } }
control DeparserImpl(packet_out packet, in headers_t hdr) { apply { packet.emit(hdr.eth); } }

V1Switch(ParserImpl(), VerifyImpl(), IngressImpl(), EgressImpl(), ComputeImpl(), DeparserImpl()) main;
