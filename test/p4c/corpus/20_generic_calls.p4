// Explicit type arguments versus less-than (the `<` ambiguity, resolved by declared type names).
extern packet_in { T lookahead<T>(); void extract<T>(out T hdr); }
extern T identity<T>(in T value);
extern void sink<A, B>(in A a, in B b);
header h_t { bit<8> x; }
typedef bit<16> port_t;
extern Register<T, I> { Register(bit<32> size); T read(in I index); }

control Generic(packet_in packet, inout h_t hdr, in bit<8> a, in bit<8> b) {
    Register<bit<32>, bit<8>>(256) counters;
    Register<port_t, bit<8>>(16) ports;
    apply {
        bit<8> v = identity<bit<8>>(a);
        port_t p = identity<port_t>(16w1);
        bool less = a < b;
        bool less_parenthesized = a < (b);
        bool both = a < b && b > a;
        bool compare_chain = (a < b) == (b > a);
        bit<4> peek = packet.lookahead<bit<4>>();
        h_t peeked = packet.lookahead<h_t>();
        sink<bit<8>, h_t>(a, hdr);
        sink<tuple<bit<8>, bit<8>>, bool>({a, b}, true);
        bit<32> read = counters.read(a);
        packet.extract<h_t>(hdr);
        sink<_, bit<8>>(a, b);
    }
}
