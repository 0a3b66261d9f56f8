// Instantiations: constructor arguments, nested instances, abstract method implementations, `this` (spec §7.2.10.2, §10.3).
extern Checksum { Checksum(); bit<16> get(); }
extern Virtual {
    Virtual();
    abstract bit<16> f(in bit<16> ix);
    abstract void reset();
    void run(in bit<16> ix);
}
extern Counter<T> { Counter(bit<32> size, T initial); void increment(); }
extern Holder { Holder(Checksum c); }

control Instances(inout bit<16> value) {
    Checksum() checksum;
    Counter<bit<8>>(1024, 8w0) counter;
    Counter<bit<16>>(size = 16, initial = 16w1) named_counter;
    Holder(Checksum()) holder;
    Virtual() cntr = {
        bit<16> f(in bit<16> ix) {
            return ix + 1;
        }
        void reset() {
            this.run(0);
        }
    };
    Virtual() nested = {
        Checksum() inner_checksum;
        bit<16> f(in bit<16> ix) {
            return inner_checksum.get();
        }
        void reset() { }
    };
    apply {
        value = cntr.f(value);
        counter.increment();
    }
}
