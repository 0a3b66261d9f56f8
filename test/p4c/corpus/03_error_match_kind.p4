// error and match_kind declarations (spec §7.1.2, §7.1.3) and their uses.
error {
    NoError,
    PacketTooShort,
    NoMatch,
    StackOutOfBounds,
    HeaderTooShort,
    ParserTimeout,
    ParserInvalidArgument
}

error { BadTunnel, BadCookie }

match_kind {
    exact,
    ternary,
    lpm
}

match_kind { range, optional, selector }

const error e = error.BadTunnel;
