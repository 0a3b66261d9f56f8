// Spec v1.2.5 §12.15 for statements in a v1model program: the three-part form
// with several init/update items, break and continue, a range loop, a loop over
// a header stack and over a list, nested loops, and loops in actions/functions.
#include <core.p4>
#include <v1model.p4>

header count_t { bit<8> count; bit<8> sum; }
header item_t { bit<8> value; }
struct headers_t { count_t c; item_t[3] items; }
struct meta_t { bit<8> product; }

bit<8> sum_to(in bit<8> n) {
    bit<8> total = 0;
    for (bit<8> i = 1; i <= n; i = i + 1) {
        total = total + i;
    }
    return total;
}

parser ParserImpl(packet_in packet, out headers_t hdr, inout meta_t meta, inout standard_metadata_t sm) {
    state start {
        packet.extract(hdr.c);
        packet.extract(hdr.items.next);
        packet.extract(hdr.items.next);
        packet.extract(hdr.items.next);
        transition accept;
    }
}

control VerifyImpl(inout headers_t hdr, inout meta_t meta) { apply { } }

control IngressImpl(inout headers_t hdr, inout meta_t meta, inout standard_metadata_t sm) {
    action square() {
        meta.product = 0;
        for (bit<8> i = 0; i < hdr.c.count; i = i + 1) {
            for (bit<8> j = 0; j < hdr.c.count; j = j + 1) {
                meta.product = meta.product + 1;
            }
        }
    }
    apply {
        hdr.c.sum = sum_to(hdr.c.count);
        square();
        for (bit<8> i = 0, bit<8> limit = 200; i < 10; i = i + 1) {
            if (i == 3) {
                continue;
            }
            if (hdr.c.sum > limit) {
                break;
            }
            hdr.c.sum = hdr.c.sum + i;
        }
        for (bit<8> v in 1 .. 4) {
            hdr.c.sum = hdr.c.sum + v;
            // Indexed part select: a run-time start reads (sum >> v)[1:0].
            hdr.c.sum[7:6] = hdr.c.sum[v +: 2];
        }
        hdr.c.sum[2 +: 3] = 3w5;
        // Compound assignments (p4c): `l op= r` is `l = l op r`.
        hdr.c.sum += 1;
        hdr.c.sum |+|= hdr.c.count;
        hdr.c.sum >>= 1;
        hdr.c.sum <<= 2;
        hdr.c.sum /= 2;
        hdr.c.sum ^= 0x55;
        for (item_t item in hdr.items) {
            if (item.isValid()) {
                hdr.c.sum = hdr.c.sum + item.value;
            }
        }
        for (bit<8> port in { 8w1, 8w2, 8w3 }) {
            if (port == hdr.c.count) {
                sm.egress_spec = (bit<9>)port;
            }
        }
    }
}

control EgressImpl(inout headers_t hdr, inout meta_t meta, inout standard_metadata_t sm) { apply { } }
control ComputeImpl(inout headers_t hdr, inout meta_t meta) { apply { } }
control DeparserImpl(packet_out packet, in headers_t hdr) {
    apply {
        packet.emit(hdr.c);
        packet.emit(hdr.items);
    }
}

V1Switch(ParserImpl(), VerifyImpl(), IngressImpl(), EgressImpl(), ComputeImpl(), DeparserImpl()) main;
