/* Idioms of widely used v1model examples: registers and counters whose index type is
 * inferred from method calls, a bloom-filter firewall, source routing with pop_front,
 * and in-band telemetry with push_front in egress. */
#include <core.p4>
#include <v1model.p4>

#define BLOOM_FILTER_ENTRIES 4096
#define BLOOM_FILTER_BIT_WIDTH 1
#define MAX_HOPS 9

header ethernet_t { bit<48> dst; bit<48> src; bit<16> etherType; }
header srcRoute_t { bit<1> bos; bit<15> port; }
header ipv4_t {
    bit<4> version; bit<4> ihl; bit<8> diffserv; bit<16> totalLen;
    bit<16> identification; bit<3> flags; bit<13> fragOffset;
    bit<8> ttl; bit<8> protocol; bit<16> hdrChecksum; bit<32> src; bit<32> dst;
}
header tcp_t { bit<16> srcPort; bit<16> dstPort; bit<32> seq; bit<32> ack; bit<4> dataOffset; bit<4> res; bit<8> flags; bit<16> window; bit<16> checksum; bit<16> urgent; }
header switch_t { bit<32> swid; bit<32> qdepth; }

struct metadata_t { bit<1> direction; bit<32> reg_pos_one; bit<32> reg_pos_two; bit<1> reg_val_one; bit<1> reg_val_two; }
struct headers_t {
    ethernet_t ethernet;
    srcRoute_t[MAX_HOPS] srcRoutes;
    ipv4_t ipv4;
    tcp_t tcp;
    switch_t[MAX_HOPS] swtraces;
}

parser MyParser(packet_in packet, out headers_t hdr, inout metadata_t meta, inout standard_metadata_t standard_metadata) {
    state start {
        packet.extract(hdr.ethernet);
        transition select(hdr.ethernet.etherType) {
            0x1234: parse_srcRouting;
            0x0800: parse_ipv4;
            default: accept;
        }
    }
    state parse_srcRouting {
        packet.extract(hdr.srcRoutes.next);
        transition select(hdr.srcRoutes.last.bos) {
            1: parse_ipv4;
            default: parse_srcRouting;
        }
    }
    state parse_ipv4 {
        packet.extract(hdr.ipv4);
        transition select(hdr.ipv4.protocol) {
            6: parse_tcp;
            default: accept;
        }
    }
    state parse_tcp {
        packet.extract(hdr.tcp);
        transition accept;
    }
}

control MyVerifyChecksum(inout headers_t hdr, inout metadata_t meta) { apply { } }

control MyIngress(inout headers_t hdr, inout metadata_t meta, inout standard_metadata_t standard_metadata) {
    register<bit<BLOOM_FILTER_BIT_WIDTH>>(BLOOM_FILTER_ENTRIES) bloom_filter_1;
    register<bit<BLOOM_FILTER_BIT_WIDTH>>(BLOOM_FILTER_ENTRIES) bloom_filter_2;
    counter(512, CounterType.packets) ingress_port_counter;
    bit<32> tunnel_id = 0;

    action drop() { mark_to_drop(standard_metadata); }

    action compute_hashes(bit<32> ipAddr1, bit<32> ipAddr2, bit<16> port1, bit<16> port2) {
        hash(meta.reg_pos_one, HashAlgorithm.crc16, (bit<32>)0, {ipAddr1, ipAddr2, port1, port2, hdr.ipv4.protocol}, (bit<32>)BLOOM_FILTER_ENTRIES);
        hash(meta.reg_pos_two, HashAlgorithm.crc32, (bit<32>)0, {ipAddr1, ipAddr2, port1, port2, hdr.ipv4.protocol}, (bit<32>)BLOOM_FILTER_ENTRIES);
    }

    action srcRoute_nhop() {
        standard_metadata.egress_spec = (bit<9>)hdr.srcRoutes[0].port;
        hdr.srcRoutes.pop_front(1);
    }

    action set_direction(bit<1> dir) { meta.direction = dir; }

    table check_ports {
        key = {
            standard_metadata.ingress_port: exact;
            standard_metadata.egress_spec: exact;
        }
        actions = { set_direction; NoAction; }
        size = 1024;
        default_action = NoAction();
    }

    apply {
        ingress_port_counter.count((bit<32>) standard_metadata.ingress_port);
        if (hdr.srcRoutes[0].isValid()) {
            if (hdr.srcRoutes[0].bos == 1) {
                hdr.ethernet.etherType = 0x0800;
            }
            srcRoute_nhop();
            if (hdr.ipv4.isValid()) {
                hdr.ipv4.ttl = hdr.ipv4.ttl - 1;
            }
        } else if (hdr.tcp.isValid()) {
            meta.direction = 0;
            if (check_ports.apply().hit) {
                if (meta.direction == 0) {
                    compute_hashes(hdr.ipv4.src, hdr.ipv4.dst, hdr.tcp.srcPort, hdr.tcp.dstPort);
                } else {
                    compute_hashes(hdr.ipv4.dst, hdr.ipv4.src, hdr.tcp.dstPort, hdr.tcp.srcPort);
                }
                if (meta.direction == 0) {
                    if (hdr.tcp.flags & 0x02 == 0x02) {
                        bloom_filter_1.write(meta.reg_pos_one, 1);
                        bloom_filter_2.write(meta.reg_pos_two, 1);
                    }
                } else {
                    bloom_filter_1.read(meta.reg_val_one, meta.reg_pos_one);
                    bloom_filter_2.read(meta.reg_val_two, meta.reg_pos_two);
                    if (meta.reg_val_one != 1 || meta.reg_val_two != 1) {
                        drop();
                    }
                }
            }
        } else {
            drop();
        }
    }
}

control MyEgress(inout headers_t hdr, inout metadata_t meta, inout standard_metadata_t standard_metadata) {
    action add_swtrace(bit<32> swid) {
        hdr.swtraces.push_front(1);
        hdr.swtraces[0].setValid();
        hdr.swtraces[0].swid = swid;
        hdr.swtraces[0].qdepth = (bit<32>)standard_metadata.deq_qdepth;
        hdr.ipv4.ihl = hdr.ipv4.ihl + 2;
        hdr.ipv4.totalLen = hdr.ipv4.totalLen + 8;
    }
    table swtrace {
        actions = { add_swtrace; NoAction; }
        default_action = NoAction();
    }
    apply {
        if (hdr.ipv4.isValid()) {
            swtrace.apply();
        }
    }
}

control MyComputeChecksum(inout headers_t hdr, inout metadata_t meta) { apply { } }

control MyDeparser(packet_out packet, in headers_t hdr) {
    apply {
        packet.emit(hdr.ethernet);
        packet.emit(hdr.srcRoutes);
        packet.emit(hdr.ipv4);
        packet.emit(hdr.swtraces);
        packet.emit(hdr.tcp);
    }
}

V1Switch(MyParser(), MyVerifyChecksum(), MyIngress(), MyEgress(), MyComputeChecksum(), MyDeparser()) main;
