@doc("x") error { Annotated }
@doc("y") match_kind { annotated }
const bit<8> after = 1;
