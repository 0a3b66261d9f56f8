/* MPLS label stacks, header unions, value sets, lookahead, serializable enums, functions and switch. */
#include <core.p4>
#include <v1model.p4>

#define MAX_LABELS 4

const bit<16> ETHERTYPE_MPLS = 0x8847;
const int LABEL_DEPTH = MAX_LABELS;

enum bit<8> IpProtocol { TCP = 6, UDP = 17, GRE = 47 }
enum Color { Green, Yellow, Red }
type bit<20> Label_t;

header ethernet_t { bit<48> dst; bit<48> src; bit<16> etherType; }
header mpls_t { bit<20> label; bit<3> tc; bit<1> bos; bit<8> ttl; }
header ipv4_t {
    bit<4> version; bit<4> ihl; bit<8> diffserv; bit<16> totalLen;
    bit<16> identification; bit<3> flags; bit<13> fragOffset;
    bit<8> ttl; IpProtocol protocol; bit<16> hdrChecksum; bit<32> src; bit<32> dst;
}
header ipv6_t { bit<4> version; bit<8> trafficClass; bit<20> flowLabel; bit<16> payloadLen; bit<8> nextHdr; bit<8> hopLimit; bit<128> src; bit<128> dst; }
header_union ip_t { ipv4_t v4; ipv6_t v6; }
header options_t { varbit<320> options; }

struct headers_t {
    ethernet_t ethernet;
    mpls_t[MAX_LABELS] mpls;
    ip_t ip;
    options_t options;
}
struct pvs_key_t { bit<16> etherType; }
struct meta_t { bit<8> depth; Color color; bit<32> inner_ttl; }

error { BadLabelDepth }

parser P(packet_in b, out headers_t hdr, inout meta_t meta, inout standard_metadata_t sm) {
    value_set<bit<16>>(4) tunnel_types;
    bit<8> labels = 0;

    state start {
        b.extract(hdr.ethernet);
        transition select(hdr.ethernet.etherType) {
            ETHERTYPE_MPLS: parse_mpls;
            tunnel_types: parse_mpls;
            0x0800: parse_ipv4;
            0x86dd &&& 0xffff: parse_ipv6;
            0x9000 .. 0x90ff: reject;
            default: accept;
        }
    }
    state parse_mpls {
        b.extract(hdr.mpls.next);
        labels = labels + 1;
        verify(labels <= MAX_LABELS, error.BadLabelDepth);
        transition select(hdr.mpls.last.bos) {
            0: parse_mpls;
            1: parse_inner;
        }
    }
    state parse_inner {
        meta.depth = (bit<8>) hdr.mpls.lastIndex + 1;
        transition select(b.lookahead<bit<4>>()) {
            4: parse_ipv4;
            6: parse_ipv6;
            default: accept;
        }
    }
    state parse_ipv4 {
        b.extract(hdr.ip.v4);
        transition select(hdr.ip.v4.ihl) {
            5: accept;
            default: parse_options;
        }
    }
    state parse_options {
        b.extract(hdr.options, (bit<32>) (((bit<16>) hdr.ip.v4.ihl - 5) * 32));
        transition accept;
    }
    state parse_ipv6 {
        b.extract(hdr.ip.v6);
        b.advance(32);
        transition accept;
    }
}

control VC(inout headers_t hdr, inout meta_t meta) { apply { } }

bit<8> decrement(in bit<8> ttl) {
    if (ttl == 0) {
        return 0;
    }
    return ttl - 1;
}

control Ing(inout headers_t hdr, inout meta_t meta, inout standard_metadata_t sm) {
    const bit<3> DEFAULT_TC = 3w0;

    action push_label(Label_t label) {
        hdr.mpls.push_front(1);
        hdr.mpls[0].setValid();
        hdr.mpls[0].label = (bit<20>) label;
        hdr.mpls[0].tc = DEFAULT_TC;
        hdr.mpls[0].bos = hdr.mpls[1].isValid() ? 1w0 : 1w1;
        hdr.mpls[0].ttl = 64;
    }
    action pop_label() {
        hdr.mpls.pop_front(1);
    }
    action swap_label(bit<20> label) {
        hdr.mpls[0].label = label;
        hdr.mpls[0].ttl = decrement(hdr.mpls[0].ttl);
    }
    action set_color(Color c) { meta.color = c; }

    table lfib {
        key = {
            hdr.mpls[0].label: exact;
            hdr.mpls[0].isValid(): exact;
        }
        actions = { push_label; pop_label; swap_label; @defaultonly NoAction; }
        const default_action = NoAction;
        const entries = {
            (16, true): pop_label();
            (17, true): swap_label(100);
        }
    }

    apply {
        switch (lfib.apply().action_run) {
            pop_label: {
                if (hdr.mpls[0].isValid() == false && hdr.ip.v4.isValid()) {
                    hdr.ip.v4.ttl = decrement(hdr.ip.v4.ttl);
                }
            }
            swap_label:
            push_label: { meta.depth = meta.depth + 1; }
            default: { }
        }
        if (hdr.ip.isValid()) {
            switch (hdr.ip.v4.protocol) {
                IpProtocol.TCP: { meta.inner_ttl = 32w1; }
                IpProtocol.UDP: { meta.inner_ttl = 32w2; }
                default: { meta.inner_ttl = (bit<32>) (bit<8>) hdr.ip.v4.protocol; }
            }
        }
        bit<16> wide = hdr.ethernet.etherType[7:0] ++ 8w0;
        bit<32> mixed = 16w1 ++ wide;
        int<8> signed_value = -8s3;
        signed_value = signed_value >> 1;
        meta.inner_ttl = mixed << 2;
        meta.depth = (bit<8>) signed_value;
        hdr.ethernet.src[47:40] = 0xff;
        if (meta.color == Color.Red) {
            hdr.ip.v4.setInvalid();
        }
        headers_t copy = hdr;
        copy.ethernet = { 1, 2, 0x0800 };
        copy.ethernet = { dst = 48w3, src = 48w4, etherType = 0x86dd };
        hdr.ethernet = copy.ethernet;
    }
}

control Eg(inout headers_t hdr, inout meta_t meta, inout standard_metadata_t sm) { apply { } }
control CC(inout headers_t hdr, inout meta_t meta) { apply { } }
control D(packet_out b, in headers_t hdr) {
    apply {
        b.emit(hdr.ethernet);
        b.emit(hdr.mpls);
        b.emit(hdr.ip);
    }
}

V1Switch(P(), VC(), Ing(), Eg(), CC(), D()) main;
