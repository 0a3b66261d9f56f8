// Bit slices, concatenation, indexing and member access (spec §8.5, §8.6, §8.18).
header h_t { bit<32> address; bit<8> kind; }
struct headers_t { h_t[4] stack; h_t single; }

control Slices(inout headers_t hdr) {
    apply {
        bit<8> top = hdr.single.address[31:24];
        bit<16> halves = hdr.single.address[31:16] ++ hdr.single.address[15:0];
        bit<40> joined = hdr.single.kind ++ hdr.single.address;
        hdr.single.address[7:0] = hdr.single.kind;
        hdr.stack[0].address[3:0] = 4w0xf;
        hdr.stack[1] = hdr.stack[0];
        bit<1> bit_seven = hdr.single.kind[7:7];
        bit<4> computed = hdr.single.address[4 + 3:2 * 2];
        bit<8> concat_then_slice = (hdr.single.kind ++ hdr.single.kind)[11:4];
        bit<8> index_expr = hdr.stack[hdr.single.kind[1:0]].kind;
        hdr.stack.push_front(1);
        hdr.stack.pop_front(2);
        hdr.stack.next.kind = 3;
        hdr.stack.last.kind = hdr.stack.lastIndex == 0 ? 8w0 : 8w1;
        bit<32> size = hdr.stack.size;
    }
}
