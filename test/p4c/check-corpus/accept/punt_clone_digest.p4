/* Packet-in/out controller headers, clone, digest, ternary/range entries with priorities, @name and action scopes. */
#include <core.p4>
#include <v1model.p4>

@controller_header("packet_in")
header packet_in_header_t {
    bit<9> ingress_port;
    bit<7> _pad;
}

@controller_header("packet_out")
header packet_out_header_t {
    bit<9> egress_port;
    bit<7> _pad;
}

header ethernet_t { bit<48> dst; bit<48> src; bit<16> etherType; }

struct headers_t {
    packet_out_header_t packet_out;
    packet_in_header_t packet_in;
    ethernet_t ethernet;
}

struct mac_learn_digest_t {
    bit<48> src;
    bit<9> port;
}

struct meta_t {
    @field_list(1)
    bit<9> original_port;
    bit<8> acl_class;
}

const bit<9> CPU_PORT = 255;
const bit<32> MIRROR_SESSION = 500;

parser P(packet_in b, out headers_t hdr, inout meta_t meta, inout standard_metadata_t sm) {
    state start {
        transition select(sm.ingress_port) {
            CPU_PORT: parse_packet_out;
            default: parse_ethernet;
        }
    }
    state parse_packet_out {
        b.extract(hdr.packet_out);
        transition parse_ethernet;
    }
    state parse_ethernet {
        b.extract(hdr.ethernet);
        transition accept;
    }
}

control VC(inout headers_t hdr, inout meta_t meta) { apply { } }

control Ing(inout headers_t hdr, inout meta_t meta, inout standard_metadata_t sm) {
    @name("learn_table_miss")
    action learn() {
        digest<mac_learn_digest_t>(1, { hdr.ethernet.src, sm.ingress_port });
    }
    action send_to_cpu() {
        sm.egress_spec = CPU_PORT;
        hdr.packet_in.setValid();
        hdr.packet_in.ingress_port = sm.ingress_port;
    }
    action mirror() {
        meta.original_port = sm.ingress_port;
        clone_preserving_field_list(CloneType.I2E, MIRROR_SESSION, 1);
    }
    action forward(bit<9> port) { sm.egress_spec = port; }
    @name(".global_drop")
    action drop() { mark_to_drop(sm); }

    @name("smac_table")
    table smac {
        key = { hdr.ethernet.src: exact; }
        actions = { NoAction; @defaultonly learn; }
        default_action = learn;
        size = 4096;
        support_timeout = true;
    }

    table acl {
        key = {
            hdr.ethernet.etherType: ternary;
            sm.ingress_port: range;
            hdr.ethernet.dst: optional;
        }
        actions = { send_to_cpu; mirror; @tableonly forward; drop; }
        const default_action = drop();
        entries = {
            priority = 10: (0x0806, _, _): send_to_cpu();
            priority = 20: (0x0800 &&& 0xffff, 1 .. 8, 48w0x01005e000001): mirror();
            const priority = 5: (_, 9 .. 16, _): forward(3);
        }
    }

    table dmac {
        key = { hdr.ethernet.dst: exact; }
        actions = { forward; drop; }
        default_action = forward(1);
    }

    apply {
        if (hdr.packet_out.isValid()) {
            sm.egress_spec = hdr.packet_out.egress_port;
            hdr.packet_out.setInvalid();
            exit;
        }
        smac.apply();
        acl.apply();
        if (dmac.apply().miss) {
            clone(CloneType.I2E, 501);
        }
    }
}

control Eg(inout headers_t hdr, inout meta_t meta, inout standard_metadata_t sm) {
    apply {
        if (sm.instance_type == 1) {
            truncate(64);
        }
    }
}

control CC(inout headers_t hdr, inout meta_t meta) { apply { } }

control D(packet_out b, in headers_t hdr) {
    apply {
        b.emit(hdr.packet_in);
        b.emit(hdr.ethernet);
    }
}

V1Switch(P(), VC(), Ing(), Eg(), CC(), D()) main;
