// Parser states, transitions and select with tuples, masks, ranges, default, _ and value sets (spec §13).
extern packet_in { void extract<T>(out T hdr); T lookahead<T>(); void advance(in bit<32> bits); }
header ethernet_t { bit<48> dst; bit<48> src; bit<16> ether_type; }
header ipv4_t { bit<4> version; bit<4> ihl; bit<8> protocol; bit<32> dst; }
header mpls_t { bit<20> label; bit<3> tc; bit<1> bos; bit<8> ttl; }
struct headers_t { ethernet_t ethernet; ipv4_t ipv4; mpls_t[4] mpls; }

parser TopParser(packet_in packet, out headers_t hdr) {
    value_set<bit<16>>(8) tunnel_types;
    value_set<tuple<bit<8>, bit<32>>>(4) endpoints;

    state start {
        packet.extract(hdr.ethernet);
        transition select(hdr.ethernet.ether_type) {
            0x0800: parse_ipv4;
            0x8847 &&& 0xfffe: parse_mpls;
            0x0600 .. 0x06ff: reject;
            tunnel_types: parse_ipv4;
            default: accept;
        }
    }

    state parse_mpls {
        packet.extract(hdr.mpls.next);
        transition select(hdr.mpls.last.bos) {
            1w0: parse_mpls;
            1w1: guess_inner;
        }
    }

    state guess_inner {
        transition select(packet.lookahead<bit<4>>()) {
            4: parse_ipv4;
            _: accept;
        }
    }

    state parse_ipv4 {
        packet.extract(hdr.ipv4);
        transition select(hdr.ipv4.version, hdr.ipv4.ihl, hdr.ipv4.protocol) {
            (4, 5, 47): accept;
            (4, 5 .. 15, _): accept;
            (4, 0xf &&& 0x8, default): reject;
            (_, _, _): reject;
        }
    }

    state by_endpoint {
        transition select(hdr.ipv4.protocol, hdr.ipv4.dst) {
            endpoints: accept;
            (default): reject;
        }
    }

    state unused {
        transition select() {
            default: accept;
        }
    }
}
