// Miscellaneous expression forms: method chains, calls on results, error members, enum members.
enum color_t { RED, GREEN }
header h_t { bit<8> x; }
struct s_t { h_t h; color_t c; }
extern Thing { Thing(); Thing self(); bit<8> value(); }
control Misc(inout s_t s) {
    Thing() thing;
    apply {
        s.h.x = thing.self().self().value();
        s.c = color_t.GREEN;
        bool is_red = s.c == color_t.RED;
        error e = error.NoError;
        bool failed = e != error.NoError;
        bool valid = s.h.isValid() && !s.h.isValid() || s.h.isValid();
        bit<8> sized = s.h.x + 8w1 - 8w2 * 8w3 / 8w1 % 8w2;
        s.h.x = (s.h.x & 0xf0) | (s.h.x >> 4) ^ ~s.h.x;
        s.h.x = s.h.x > 1 ? (s.h.x < 2 ? 8w1 : 8w2) : 8w3;
    }
}
