// Header, struct and header_union declarations, header stacks, generic structs.
typedef bit<48> mac_address_t;

header ethernet_t {
    mac_address_t destination;
    mac_address_t source;
    bit<16> ether_type;
}

header ipv4_t {
    bit<4> version;
    bit<4> ihl;
    bit<8> diffserv;
    bit<16> total_length;
    bit<16> identification;
    bit<3> flags;
    bit<13> fragment_offset;
    bit<8> ttl;
    bit<8> protocol;
    bit<16> checksum;
    bit<32> source;
    bit<32> destination;
}

header ipv6_t {
    bit<4> version;
    bit<8> traffic_class;
    bit<20> flow_label;
    bit<16> payload_length;
    bit<8> next_header;
    bit<8> hop_limit;
    bit<128> source;
    bit<128> destination;
}

header mpls_t {
    bit<20> label;
    bit<3> tc;
    bit<1> bos;
    bit<8> ttl;
}

header_union ip_t {
    ipv4_t v4;
    ipv6_t v6;
}

struct pair_t<T> {
    T first;
    T second;
}

header generic_h<W> {
    W value;
}

struct headers_t {
    ethernet_t ethernet;
    mpls_t[8] mpls;
    ip_t ip;
    pair_t<bit<8>> pair;
    generic_h<bit<16>> tagged;
}

struct empty_t { }

header empty_h { }
