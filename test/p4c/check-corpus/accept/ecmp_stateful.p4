/* ECMP with an action selector, plus counters, meters and registers (v1model). */
#include <core.p4>
#include <v1model.p4>

header ethernet_t { bit<48> dst; bit<48> src; bit<16> etherType; }
header ipv4_t {
    bit<4> version; bit<4> ihl; bit<8> diffserv; bit<16> totalLen;
    bit<16> identification; bit<3> flags; bit<13> fragOffset;
    bit<8> ttl; bit<8> protocol; bit<16> hdrChecksum; bit<32> src; bit<32> dst;
}
header tcp_t { bit<16> srcPort; bit<16> dstPort; bit<32> seq; bit<32> ack; bit<4> dataOffset; bit<4> res; bit<8> flags; bit<16> window; bit<16> checksum; bit<16> urgent; }

struct headers_t { ethernet_t ethernet; ipv4_t ipv4; tcp_t tcp; }
struct meta_t {
    bit<14> ecmp_select;
    bit<32> meter_color;
    bit<32> flow_packets;
    bit<16> hash_value;
}

parser P(packet_in b, out headers_t hdr, inout meta_t meta, inout standard_metadata_t sm) {
    state start {
        b.extract(hdr.ethernet);
        transition select(hdr.ethernet.etherType) {
            0x0800: parse_ipv4;
            default: accept;
        }
    }
    state parse_ipv4 {
        b.extract(hdr.ipv4);
        verify(hdr.ipv4.ihl >= 5, error.NoMatch);
        transition select(hdr.ipv4.protocol, hdr.ipv4.fragOffset) {
            (6, 0): parse_tcp;
            (_, _): accept;
        }
    }
    state parse_tcp {
        b.extract(hdr.tcp);
        transition accept;
    }
}

control VC(inout headers_t hdr, inout meta_t meta) { apply { } }

control Ing(inout headers_t hdr, inout meta_t meta, inout standard_metadata_t sm) {
    counter<bit<10>>(1024, CounterType.packets_and_bytes) port_counter;
    direct_counter(CounterType.packets) route_hits;
    meter<bit<8>>(256, MeterType.bytes) policer;
    direct_meter<bit<32>>(MeterType.packets) flow_meter;
    register<bit<32>, bit<16>>(65536) flow_state;
    action_selector(HashAlgorithm.crc16, 32w1024, 32w14) ecmp_selector;

    action drop() { mark_to_drop(sm); }
    action set_nhop(bit<48> dmac, bit<9> port) {
        hdr.ethernet.dst = dmac;
        sm.egress_spec = port;
        hdr.ipv4.ttl = hdr.ipv4.ttl |-| 1;
    }
    action count_route() {
        flow_meter.read(meta.meter_color);
    }

    table ecmp_group {
        key = {
            hdr.ipv4.dst: lpm;
            hdr.ipv4.src: selector;
            hdr.ipv4.protocol: selector;
            hdr.tcp.srcPort: selector;
            hdr.tcp.dstPort: selector;
        }
        actions = { set_nhop; drop; }
        implementation = ecmp_selector;
        size = 4096;
    }

    table routes {
        key = { hdr.ipv4.dst: exact @name("dst_addr"); }
        actions = { count_route; NoAction; }
        counters = route_hits;
        meters = flow_meter;
        default_action = NoAction();
    }

    table profiles {
        key = { hdr.ipv4.dst[31:24]: exact; }
        actions = { set_nhop; }
        implementation = action_profile(128);
    }

    apply {
        port_counter.count((bit<10>) sm.ingress_port);
        policer.execute_meter(hdr.ipv4.diffserv, meta.meter_color);
        hash(meta.hash_value, HashAlgorithm.crc32, 16w0, { hdr.ipv4.src, hdr.ipv4.dst, hdr.ipv4.protocol }, 32w65536);
        flow_state.read(meta.flow_packets, meta.hash_value);
        flow_state.write(meta.hash_value, meta.flow_packets + 1);
        random(meta.ecmp_select, 0, 14w1000);
        if (meta.meter_color == V1MODEL_METER_COLOR_RED) {
            drop();
            exit;
        }
        if (!routes.apply().hit) {
            ecmp_group.apply();
        }
        profiles.apply();
    }
}

control Eg(inout headers_t hdr, inout meta_t meta, inout standard_metadata_t sm) { apply { } }

control CC(inout headers_t hdr, inout meta_t meta) {
    apply {
        update_checksum(hdr.ipv4.isValid(),
            { hdr.ipv4.version, hdr.ipv4.ihl, hdr.ipv4.diffserv, hdr.ipv4.totalLen,
              hdr.ipv4.identification, hdr.ipv4.flags, hdr.ipv4.fragOffset, hdr.ipv4.ttl,
              hdr.ipv4.protocol, hdr.ipv4.src, hdr.ipv4.dst },
            hdr.ipv4.hdrChecksum, HashAlgorithm.csum16);
        update_checksum_with_payload(hdr.tcp.isValid(),
            { hdr.ipv4.src, hdr.ipv4.dst, 8w0, hdr.ipv4.protocol, hdr.ipv4.totalLen },
            hdr.tcp.checksum, HashAlgorithm.csum16);
    }
}

control D(packet_out b, in headers_t hdr) {
    apply { b.emit(hdr); }
}

V1Switch(P(), VC(), Ing(), Eg(), CC(), D()) main;
