// Parser, control and package type declarations and the main instantiation (spec §7.2.11, §7.2.12).
extern packet_in { void extract<T>(out T hdr); }
extern packet_out { void emit<T>(in T hdr); }
struct standard_metadata_t { bit<9> ingress_port; bit<9> egress_spec; }

parser Parser<H, M>(packet_in b, out H parsedHdr, inout M meta, inout standard_metadata_t standard_metadata);
control VerifyChecksum<H, M>(inout H hdr, inout M meta);
control Ingress<H, M>(inout H hdr, inout M meta, inout standard_metadata_t standard_metadata);
control Deparser<H>(packet_out b, in H hdr);
package Switch<H, M>(Parser<H, M> p, VerifyChecksum<H, M> vr, Ingress<H, M> ig, Deparser<H> dep);
package Empty();

struct h_t { }
struct m_t { }

parser MyParser(packet_in b, out h_t hdr, inout m_t meta, inout standard_metadata_t standard_metadata) {
    state start {
        transition accept;
    }
}

control MyVerify(inout h_t hdr, inout m_t meta) {
    apply { }
}

control MyIngress(inout h_t hdr, inout m_t meta, inout standard_metadata_t standard_metadata) {
    apply {
        standard_metadata.egress_spec = standard_metadata.ingress_port;
    }
}

control MyDeparser(packet_out b, in h_t hdr) {
    apply {
        b.emit(hdr);
    }
}

Switch(MyParser(), MyVerify(), MyIngress(), MyDeparser()) main;
