#include <core.p4>
#include <v1model.p4>
header h_t { bit<8> f; }
struct hs_t { h_t h; bit<8> plain; }
parser P(packet_in b, out hs_t hs, inout standard_metadata_t sm) {
    state start {
        b.extract(hs.plain);
        b.extract(hs.h, 8, 9);
        b.skip(8);
        transition accept;
    }
}
control C(inout hs_t hs, inout standard_metadata_t sm) {
    register<bit<8>>(16) two_args_missing;
    register(16) untyped;
    counter<bit<8>>(sm.packet_length, CounterType.packets) dynamic_size;
    action a() {
        mark_to_drop(standard_metadata = sm, extra = 1);
        mark_to_drop(sm, 2);
        random(hs.h.f, lo = 0, 255);
        hash(hs.h.f, HashAlgorithm.crc16, 0, { hs.h.f }, 256);
        digest(1, _);
        clone(CloneType.I2E);
    }
    apply { a(); }
}
control Digests(in hs_t hs) {
    apply { digest(1, { hs.h.f, hs.plain }); }
}
