// List, tuple and struct expressions, {#}, and `...` (spec §8.12–§8.14, §8.26).
header h_t { bit<8> a; bit<8> b; }
header_union u_t { h_t first; h_t second; }
struct s_t { bit<8> a; bit<8> b; bit<8> c; }
struct nested_t { s_t inner; bit<8> d; }

control Lists(inout h_t hdr, inout u_t union_value) {
    apply {
        s_t from_list = {1, 2, 3};
        s_t from_struct = {a = 1, b = 2, c = 3};
        s_t partial = {a = 1, ...};
        s_t defaults = {...};
        tuple<bit<8>, bool> pair = {8w1, true};
        tuple<> nothing = {};
        nested_t nested = {inner = {a = 1, b = 2, c = 3}, d = 4};
        nested_t nested_lists = {{1, 2, 3}, 4};
        hdr = {#};
        union_value = {#};
        hdr = {a = 5, b = 6};
        s_t trailing = {1, 2, ...};
        bit<8> first = pair[0];
    }
}
