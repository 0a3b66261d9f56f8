// Package metadata from annotations on `main`, and nothing else: with no
// table, action parameter or extern, p4c writes no type_info either.
#include <core.p4>
#include <v1model.p4>

struct H { }
struct M { }

parser ParserI(packet_in pk, out H hdr, inout M meta, inout standard_metadata_t smeta) {
    state start { transition accept; }
}

control IngressI(inout H hdr, inout M meta, inout standard_metadata_t smeta) { apply { } }
control EgressI(inout H hdr, inout M meta, inout standard_metadata_t smeta) { apply { } }
control DeparserI(packet_out pk, in H hdr) { apply { } }
control VerifyChecksumI(inout H hdr, inout M meta) { apply { } }
control ComputeChecksumI(inout H hdr, inout M meta) { apply { } }

@pkginfo(name="some_name", organization="some_org", version="some_version", contact="some_contact", url="some_url")
@platform_property(multicast_group_table_size = 10, multicast_group_table_total_replicas = 20, multicast_group_table_max_replicas_per_entry = 30)
V1Switch(ParserI(), VerifyChecksumI(), IngressI(), EgressI(), ComputeChecksumI(), DeparserI()) main;
