// Parser constructor parameters, local declarations and statements inside states (spec §13.2–§13.5).
extern packet_in { void extract<T>(out T hdr); }
extern Checksum16 { Checksum16(); void update<T>(in T data); bit<16> get(); }
header h_t { bit<8> kind; bit<8> length; }
struct meta_t { bit<8> count; bool seen; }

parser LocalsParser(packet_in packet, out h_t hdr, inout meta_t meta)(bit<8> limit, bool strict) {
    const bit<8> maximum = 16;
    bit<8> scratch;
    bit<8> initialized = 8w1;
    Checksum16() checksum;

    @name("first") state start {
        bit<8> local = 0;
        const bit<8> two = 2;
        packet.extract(hdr);
        meta.count = meta.count + 1;
        checksum.update(hdr);
        if (hdr.kind == two) {
            meta.seen = true;
        } else {
            meta.seen = false;
        }
        { local = local + 1; }
        ;
        transition next;
    }

    state next {
        verify(meta.count < limit, error.NoMatch);
        transition accept;
    }
}
