// User-defined types the controller sees differently (@p4runtime_translation):
// a port translated to 32 bits and a VRF translated to a string name.
#include <core.p4>
#include <v1model.p4>

@p4runtime_translation("p4.org/psa/v1/PortId_t", 32)
type bit<9> port_t;

@p4runtime_translation("softmesh/vrf_name", string)
type bit<10> vrf_t;

@brief("An interface index")
type bit<16> ifindex_t;

@controller_header("packet_in")
header packet_in_t {
    port_t ingress_port;
    bit<7> pad;
}

struct headers_t {
    packet_in_t packet_in;
}

struct metadata_t {
    port_t port;
    vrf_t vrf;
    ifindex_t ifindex;
}

parser P(packet_in packet, out headers_t hdr, inout metadata_t meta, inout standard_metadata_t sm) {
    state start { transition accept; }
}

control TIngress(inout headers_t hdr, inout metadata_t meta, inout standard_metadata_t sm) {
    action set_vrf(vrf_t vrf, ifindex_t ifindex) {
        meta.vrf = vrf;
        meta.ifindex = ifindex;
    }

    table port_vrf {
        key = { meta.port: exact; }
        actions = { set_vrf; NoAction; }
        default_action = NoAction();
    }

    table vrf_routes {
        key = { meta.vrf: exact; }
        actions = { NoAction; }
        default_action = NoAction();
    }

    apply {
        port_vrf.apply();
        vrf_routes.apply();
    }
}

control Verify(inout headers_t hdr, inout metadata_t meta) { apply { } }
control TEgress(inout headers_t hdr, inout metadata_t meta, inout standard_metadata_t sm) { apply { } }
control Compute(inout headers_t hdr, inout metadata_t meta) { apply { } }
control TDeparser(packet_out packet, in headers_t hdr) { apply { packet.emit(hdr.packet_in); } }

V1Switch(P(), Verify(), TIngress(), TEgress(), Compute(), TDeparser()) main;
