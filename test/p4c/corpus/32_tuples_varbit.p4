// tuple types, varbit, int, bool, string, error, match_kind base types (spec §7.1, §7.2.8).
extern packet_in { void extract<T>(out T hdr, in bit<32> size); }
header options_t { varbit<320> options; }
header signed_t { int<16> value; int<1> sign_bit; bit flag; }
typedef tuple<bit<8>, int<8>, bool> triple_t;
typedef tuple<> empty_tuple_t;
const int unbounded = 5;
const string greeting = "hi";
const match_kind kind = exact;
const error failure = error.NoError;
extern void take(in tuple<bit<8>, varbit<16>> t);

control Types(inout options_t opts, inout signed_t s) {
    apply {
        triple_t t = {8w1, -8s1, false};
        bit<8> first = t[0];
        int<16> wide = (int<16>)s.sign_bit;
        bit<32> size = opts.options.minSizeInBits();
        bool b = bit<8>.maxSizeInBits() == 8;
        int infinite = 1 << 70;
    }
}
