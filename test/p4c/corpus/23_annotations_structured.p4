// Structured annotations (spec §18.2.2): expression lists and key-value lists.
@structured[1, 2, "three", true]
const bit<8> expression_list = 1;
@kv[size = 1024, name = "table", enabled = true, width = 8w8 + 1]
const bit<8> key_value = 2;
@empty_list[]
const bit<8> empty_list = 3;
@nested[{1, 2}, {a = 1}]
const bit<8> nested = 4;
@mixed(1) @kv2[key = 0x10] @plain
const bit<8> mixed = 5;
