// Casts (spec §8.11) and parenthesized expressions that are not casts.
typedef bit<16> port_t;
type bit<32> id_t;
header h_t { bit<8> x; }
struct s_t { bit<8> a; bit<8> b; }
enum bit<8> kind_t { A = 1 }

control Casts(inout h_t hdr, in bit<32> wide) {
    apply {
        bit<8> narrow = (bit<8>)wide;
        port_t port = (port_t)wide[15:0];
        id_t id = (id_t)wide;
        bit<32> back = (bit<32>)id;
        int<8> signed_value = (int<8>)narrow;
        bit<8> from_signed = (bit<8>)(int<8>)-1;
        bool flag = (bool)1w1;
        bit<1> bit_of_bool = (bit<1>)flag;
        bit<8> from_enum = (bit<8>)kind_t.A;
        kind_t to_enum = (kind_t)narrow;
        bit<8> parenthesized = (narrow) + 1;
        bit<8> cast_then_add = (bit<8>)narrow + 1;
        bit<8> cast_of_sum = (bit<8>)(narrow + 1);
        s_t typed_struct = (s_t){a = 1, b = 2};
        bit<8> cast_negation = (bit<8>)-narrow;
        bit<8> global_cast = (.port_t)wide > 0 ? 8w1 : 8w0;
        hdr.x = (bit<8>)(port + 1);
    }
}
