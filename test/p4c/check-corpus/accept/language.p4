/* Compile-time features: constants, static_assert, size methods, sub-controls with constructor parameters, tuples, global names, warnings. */
#include <core.p4>
#include <v1model.p4>

header ethernet_t { bit<48> dst; bit<48> src; bit<16> etherType; }
header opt_t { bit<8> kind; varbit<64> data; }
struct headers_t { ethernet_t ethernet; opt_t opt; }
struct meta_t { bit<16> scratch; tuple<bit<8>, bool> pair; }

const int ETH_BITS = ethernet_t.minSizeInBits();
const int ETH_BYTES = ethernet_t.minSizeInBytes();
const int OPT_MAX = opt_t.maxSizeInBytes();
const bool SIZES_OK = static_assert(ETH_BITS == 112 && ETH_BYTES == 14 && OPT_MAX == 9, "header sizes");
const bit<16> MASK = (1 << 12) - 1;
const int<8> NEG = -5;
const bit<8> WRAPPED = 300;
const bit<4> SHIFTED = 4w1 << 5;
typedef bit<32> counter_index_t;

parser P(packet_in b, out headers_t hdr, inout meta_t meta, inout standard_metadata_t sm) {
    state start {
        b.extract(hdr.ethernet);
        transition accept;
    }
}

control Counting(inout meta_t meta)(bit<16> step, bool enabled) {
    bit<16> local = step;
    apply {
        if (enabled) {
            meta.scratch = meta.scratch + local;
        }
    }
}

control VC(inout headers_t hdr, inout meta_t meta) { apply { } }

action top_level_action(inout bit<16> value, bit<16> amount) {
    value = value + amount;
}

control Ing(inout headers_t hdr, inout meta_t meta, inout standard_metadata_t sm) {
    Counting(16w2, true) by_two;
    Counting(step = 16w3, enabled = false) by_three;
    bit<16> scratch = 0;

    action set(bit<16> v) { meta.scratch = v & MASK; }
    table t {
        key = { hdr.ethernet.etherType: exact; }
        actions = { set; top_level_action(meta.scratch); .NoAction; }
        default_action = top_level_action(meta.scratch, 7);
        entries = {
            0x0800: set(1);
            0x86dd: top_level_action(meta.scratch, 2);
        }
    }
    apply {
        by_two.apply(meta);
        by_three.apply(meta);
        t.apply();
        meta.pair = { 8w1, true };
        if (meta.pair[1]) {
            meta.scratch = (bit<16>) meta.pair[0];
        }
        bit<16> scratch = 5;
        scratch = scratch + (bit<16>) (bit<8>) NEG;
        top_level_action(scratch, 1);
        meta.scratch = scratch;
    }
}

control Eg(inout headers_t hdr, inout meta_t meta, inout standard_metadata_t sm) { apply { } }
control CC(inout headers_t hdr, inout meta_t meta) { apply { } }
control D(packet_out b, in headers_t hdr) { apply { b.emit(hdr.ethernet); } }

V1Switch(P(), VC(), Ing(), Eg(), CC(), D()) main;
