// A v1model program with one of every P4Runtime entity the embedded switch
// target serves (tables of every match kind, action profile and selector,
// direct and indexed counters and meters, a register, a digest, a value set,
// PRE multicast and clone, PacketIn/PacketOut), with forwarding that makes
// each of them observable in the packets. Used by test/sim/target-grpc.test.ts.

#include <core.p4>
#include <v1model.p4>

@controller_header("packet_in") header packet_in_t { bit<9> ingress_port; bit<7> pad; }
@controller_header("packet_out") header packet_out_t { bit<9> egress_port; bit<7> pad; }
header ethernet_t { bit<48> dst; bit<48> src; bit<16> type; }
header ipv4_t {
    bit<8> version_ihl; bit<8> tos; bit<16> total_length; bit<16> identification; bit<16> fragment;
    bit<8> ttl; bit<8> protocol; bit<16> checksum; bit<32> src; bit<32> dst;
}
header tcp_t { bit<16> sport; bit<16> dport; }

struct headers_t { packet_out_t packet_out; packet_in_t packet_in; ethernet_t ethernet; ipv4_t ipv4; tcp_t tcp; }
struct metadata_t { bit<32> flows_seen; }
struct learn_t { bit<48> src; bit<9> port; }

parser SimParser(packet_in packet, out headers_t hdr, inout metadata_t meta, inout standard_metadata_t sm) {
    value_set<bit<16>>(4) ethertypes;
    state start { transition select(sm.ingress_port) { 510: from_cpu; default: ethernet; } }
    state from_cpu { packet.extract(hdr.packet_out); transition ethernet; }
    state ethernet {
        packet.extract(hdr.ethernet);
        transition select(hdr.ethernet.type) { 0x0800: ipv4; ethertypes: ipv4; default: accept; }
    }
    state ipv4 { packet.extract(hdr.ipv4); transition select(hdr.ipv4.protocol) { 6: tcp; default: accept; } }
    state tcp { packet.extract(hdr.tcp); transition accept; }
}

control SimVerify(inout headers_t hdr, inout metadata_t meta) { apply { } }

control ingress(inout headers_t hdr, inout metadata_t meta, inout standard_metadata_t sm) {
    counter(16, CounterType.packets_and_bytes) port_counter;
    direct_counter(CounterType.packets_and_bytes) exact_counter;
    direct_counter(CounterType.packets_and_bytes) const_counter;
    meter(8, MeterType.bytes) port_meter;
    direct_meter<bit<2>>(MeterType.bytes) exact_meter;
    register<bit<32>, bit<32>>(4) flows;
    action_selector(HashAlgorithm.crc16, 128, 14) selector;
    action_profile(4) profile;
    bit<2> color = 0;

    action set_port(bit<9> port) { sm.egress_spec = port; exact_meter.read(color); }
    action drop() { mark_to_drop(sm); }
    action set_nhop(bit<9> port, bit<48> mac) { sm.egress_spec = port; hdr.ethernet.dst = mac; }
    action flood(bit<16> group) { sm.mcast_grp = group; }

    table exact_table {
        key = { hdr.ethernet.dst: exact; sm.ingress_port: exact; }
        actions = { set_port; drop; flood; @defaultonly NoAction; }
        counters = exact_counter;
        meters = exact_meter;
        support_timeout = true;
        size = 4096;
        default_action = NoAction();
    }
    table lpm_table {
        key = { hdr.ipv4.dst: lpm; }
        actions = { @tableonly set_port; drop; NoAction; }
        size = 1024;
        default_action = NoAction();
    }
    table ternary_table {
        key = { hdr.ethernet.type: ternary; hdr.tcp.dport: range; hdr.ipv4.protocol: optional; }
        actions = { drop; NoAction; }
        size = 1024;
        default_action = NoAction();
    }
    table const_table {
        key = { hdr.ipv4.protocol: exact; }
        actions = { drop; NoAction; }
        const default_action = NoAction();
        const entries = { 47: drop(); }
        counters = const_counter;
        size = 16;
    }
    table selector_table {
        key = { hdr.ipv4.protocol: exact; hdr.ipv4.src: selector; }
        actions = { set_nhop; NoAction; }
        implementation = selector;
        size = 1024;
        default_action = NoAction();
    }
    table profile_table {
        key = { hdr.ipv4.protocol: exact; }
        actions = { set_nhop; NoAction; }
        implementation = profile;
        size = 1024;
        default_action = NoAction();
    }
    table small {
        key = { hdr.ipv4.ttl: exact; }
        actions = { drop; NoAction; }
        size = 2;
        default_action = NoAction();
    }

    apply {
        if (hdr.packet_out.isValid()) {
            sm.egress_spec = hdr.packet_out.egress_port;
            hdr.packet_out.setInvalid();
            return;
        }
        port_counter.count((bit<32>) sm.ingress_port);
        port_meter.execute_meter((bit<32>) sm.ingress_port, color);
        flows.read(meta.flows_seen, (bit<32>) 0);
        flows.write((bit<32>) 0, meta.flows_seen + 1);
        if (hdr.ethernet.type == 0x88cc) {
            sm.egress_spec = 510;
            hdr.packet_in.setValid();
            hdr.packet_in.ingress_port = sm.ingress_port;
            return;
        }
        if (hdr.ethernet.type == 0x9000) {
            digest<learn_t>(1, { hdr.ethernet.src, sm.ingress_port });
        }
        if (hdr.ethernet.type == 0x9001) {
            clone(CloneType.I2E, 5);
        }
        exact_table.apply();
        if (hdr.ipv4.isValid()) {
            lpm_table.apply();
            ternary_table.apply();
            const_table.apply();
            profile_table.apply();
            selector_table.apply();
            small.apply();
        }
    }
}

control SimEgress(inout headers_t hdr, inout metadata_t meta, inout standard_metadata_t sm) { apply { } }
control SimCompute(inout headers_t hdr, inout metadata_t meta) { apply { } }
control SimDeparser(packet_out packet, in headers_t hdr) {
    apply { packet.emit(hdr.packet_in); packet.emit(hdr.ethernet); packet.emit(hdr.ipv4); packet.emit(hdr.tcp); }
}

V1Switch(SimParser(), SimVerify(), ingress(), SimEgress(), SimCompute(), SimDeparser()) main;
