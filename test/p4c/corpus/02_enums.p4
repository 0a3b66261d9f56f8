// Plain and serializable enums (spec §7.2.1, §8.3).
enum direction_t {
    UP,
    DOWN
}

enum tunnel_kind_t { IP_IN_IP, GRE, L2TPV3, MPLS, }

enum bit<8> protocol_t {
    ICMP = 1,
    TCP = 6,
    UDP = 17,
    GRE = 47,
    RSVP = 46,
}

enum int<4> signed_t { MINUS_ONE = -1, ZERO = 0, PLUS_ONE = 1 }

enum bit<16> ether_type_t {
    @name("ipv4") IPV4 = 0x0800,
    IPV6 = 0x86dd,
    MPLS_UNICAST = 0x8847,
    MPLS_MULTICAST = 0x8848
}

const protocol_t default_protocol = protocol_t.TCP;
const bit<8> raw = (bit<8>)protocol_t.UDP;
