// Ingress AFBR: an IPv6 packet into a GRE softwire with an RFC 2890 key over
// IPv4 (test/stf/encap_gre.stf, first packet). Prints one JSON line.

import { benchmark } from './_dataplane.js';

await benchmark('gre-key');
