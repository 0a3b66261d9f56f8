control C() { apply { (a) + 1 = 2; f(1)(2); x = 3; } }
bit<8> top_level;
const bit<8> after = 1;
