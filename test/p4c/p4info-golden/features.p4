// Every kind of P4Info object the v1model emitter produces.
#include <core.p4>
#include <v1model.p4>

type bit<12> vlan_id_t;

enum bit<8> color_t { GREEN = 0, YELLOW = 1, RED = 2 }

@controller_header("packet_in")
header packet_in_t {
    bit<9> ingress_port;
    @id(7) bit<7> reason;
}

@controller_header("packet_out")
header packet_out_t {
    bit<9> egress_port;
    bit<7> pad;
}

header ethernet_t {
    bit<48> dst;
    bit<48> src;
    bit<16> ether_type;
}

struct learn_t {
    bit<48> src;
    bit<9> port;
}

struct headers_t {
    packet_out_t packet_out;
    packet_in_t packet_in;
    ethernet_t ethernet;
}

struct metadata_t {
    bit<32> flow_hash;
    bit<32> meter_color;
    color_t color;
}

parser FeatureParser(packet_in packet, out headers_t hdr, inout metadata_t meta, inout standard_metadata_t sm) {
    value_set<bit<16>>(4) tpids;

    state start {
        packet.extract(hdr.ethernet);
        transition select(hdr.ethernet.ether_type) {
            tpids: accept;
            default: accept;
        }
    }
}

control FeatureVerify(inout headers_t hdr, inout metadata_t meta) { apply { } }

control FeatureIngress(inout headers_t hdr, inout metadata_t meta, inout standard_metadata_t sm) {
    counter<bit<32>>(1024, CounterType.packets_and_bytes) port_counter;
    meter<bit<32>>(64, MeterType.bytes) port_meter;
    register<bit<32>, bit<32>>(256) last_seen;
    direct_counter(CounterType.packets) acl_hits;
    direct_meter<bit<2>>(MeterType.packets) acl_rate;
    @max_group_size(16) action_selector(HashAlgorithm.crc16, 32w512, 32w14) ecmp_selector;

    @brief("Drop the packet")
    @description("Marks the packet to be dropped at the end of ingress.")
    action drop() {
        mark_to_drop(sm);
    }

    action set_port(bit<9> port, @id(9) vlan_id_t vlan, color_t color) {
        sm.egress_spec = port;
        meta.color = color;
    }

    action learn() {
        digest<learn_t>(1, { hdr.ethernet.src, sm.ingress_port });
    }

    action count_acl() {
        acl_hits.count();
    }

    @id(0x02000100)
    table acl {
        key = {
            hdr.ethernet.dst: ternary @name("dst_mac");
            hdr.ethernet.ether_type: range;
            sm.ingress_port: optional;
        }
        actions = {
            count_acl;
            @defaultonly drop;
        }
        default_action = drop();
        counters = acl_hits;
        meters = acl_rate;
        support_timeout = true;
        size = 0;
    }

    table ecmp {
        key = {
            hdr.ethernet.dst: exact;
            meta.flow_hash: selector;
        }
        actions = { set_port; }
        implementation = ecmp_selector;
        size = 128;
    }

    table smac {
        key = { hdr.ethernet.src: exact; }
        actions = { @tableonly learn; NoAction; }
        const default_action = NoAction();
        const entries = {
            0x000000000001: NoAction();
        }
    }

    @hidden
    table internal {
        actions = { NoAction; }
    }

    apply {
        port_counter.count((bit<32>) sm.ingress_port);
        port_meter.execute_meter((bit<32>) sm.ingress_port, meta.meter_color);
        last_seen.write((bit<32>) sm.ingress_port, 1);
        acl.apply();
        ecmp.apply();
        smac.apply();
        internal.apply();
    }
}

control FeatureEgress(inout headers_t hdr, inout metadata_t meta, inout standard_metadata_t sm) { apply { } }
control FeatureCompute(inout headers_t hdr, inout metadata_t meta) { apply { } }
control FeatureDeparser(packet_out packet, in headers_t hdr) {
    apply {
        packet.emit(hdr.packet_in);
        packet.emit(hdr.ethernet);
    }
}

@pkginfo(name = "features.p4", version = "1.0", organization = "softmesh")
V1Switch(FeatureParser(), FeatureVerify(), FeatureIngress(), FeatureEgress(), FeatureCompute(), FeatureDeparser()) main;
