#include <core.p4>
#include <tna.p4>
control C(inout bit<16> x) {
    Register<bit<16>, bit<16>>(1024) cells;
    RegisterAction<bit<16>, bit<16>, bit<16>>(cells) wrong_types = {
        void apply(inout bit<8> value, out bit<16> result) { result = 0; }
    };
    RegisterAction<bit<16>, bit<16>, bit<16>>(cells) too_many = {
        void apply(inout bit<16> value, out bit<16> result, in bool extra) { result = value; }
    };
    RegisterAction<bit<16>, bit<16>, bit<16>>(cells) unknown_method = {
        void apply(inout bit<16> value) { value = value + 1; }
        void compute(inout bit<16> value) { }
    };
    RegisterAction<bit<16>, bit<16>, bit<16>>(cells) missing;
    Register<bit<16>, bit<16>>(16) plain = {
        void apply(inout bit<16> value) { }
    };
    apply {
        x = wrong_types.execute(1);
        x = unknown_method.execute(x);
    }
}
