}
if (x) { }
const bit<8> ok = 1;
= 5;
control C() { apply { } }
)
