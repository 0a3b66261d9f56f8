// Control declarations: parameters, constructor parameters, locals, apply block (spec §14).
struct headers_t { bit<8> a; bit<8> b; }
extern counter { counter(bit<32> size); void count(in bit<32> index); }
control Inner(inout headers_t hdr) {
    apply {
        hdr.a = hdr.b;
    }
}

control Outer(inout headers_t hdr, in bit<8> port)(bit<32> table_size, bool enable) {
    const bit<8> limit = 10;
    bit<8> temporary;
    bit<8> initialized = 1;
    counter(1024) packets;
    Inner() inner;

    action set_a(bit<8> value) {
        hdr.a = value;
    }

    action nop() { }

    apply {
        temporary = port;
        if (enable) {
            inner.apply(hdr);
        }
        packets.count((bit<32>)temporary);
        set_a(limit);
        nop();
    }
}
