// typedef and type (new types), including derived types written inline (spec §7.5, §7.6).
typedef bit<32> ipv4_address_t;
typedef bit<128> ipv6_address_t;
type bit<32> port_id_t;
type bit<16> nexthop_id_t;
typedef ipv4_address_t alias_t;
typedef header addr_h {
    ipv4_address_t address;
} addr_header_t;
typedef struct meta_s {
    port_id_t port;
} meta_t;
typedef enum color_e { RED, GREEN } color_t;
typedef enum bit<2> code_e { A = 1, B = 2 } code_t;
@description("inline with annotations") typedef @packed struct packed_s { bit<8> x; } packed_t;
typedef bit<8>[4] byte_stack_t;
typedef tuple<bit<8>, bool> tuple_alias_t;
const port_id_t cpu_port = (port_id_t)255;
