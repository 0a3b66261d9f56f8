// Applying tables, controls and parsers; direct type application `T.apply()` (spec §15.1); hit/miss/action_run.
match_kind { exact }
extern packet_in { void extract<T>(out T hdr); }
header h_t { bit<8> x; }
parser SubParser(packet_in packet, out h_t hdr) {
    state start { packet.extract(hdr); transition accept; }
}
parser MainParser(packet_in packet, out h_t hdr) {
    SubParser() sub;
    state start {
        sub.apply(packet, hdr);
        SubParser.apply(packet, hdr);
        transition accept;
    }
}
control Sub(inout h_t hdr) {
    apply { hdr.x = 1; }
}
control Main(inout h_t hdr) {
    Sub() sub;
    action a() { }
    table t { key = { hdr.x: exact; } actions = { a; } }
    apply {
        sub.apply(hdr);
        Sub.apply(hdr);
        if (t.apply().hit) {
            hdr.x = 2;
        }
        if (t.apply().miss) {
            hdr.x = 3;
        }
        bool hit = t.apply().hit;
        if (!t.apply().hit && hdr.isValid()) {
            hdr.setInvalid();
        }
        hdr.setValid();
    }
}
