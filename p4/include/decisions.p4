// softmesh — the two terminal decisions every stage can take. Called directly
// from apply blocks; `done` makes later stages skip the packet.

#ifndef SOFTMESH_DECISIONS_P4
#define SOFTMESH_DECISIONS_P4

#include "headers.p4"

action softmesh_drop(inout softmesh_metadata_t meta, in bit<8> reason) {
    meta.drop = 1;
    meta.drop_reason = reason;
    meta.done = 1;
}

action softmesh_punt(inout softmesh_metadata_t meta, in bit<8> reason) {
    meta.punt = 1;
    meta.punt_reason = reason;
    meta.done = 1;
}

#endif
