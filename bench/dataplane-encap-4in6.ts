// Ingress AFBR: an IPv4 packet from a client port routed into an RFC 2473
// IPv4-in-IPv6 softwire (uniform policy), outer IPv6 routed to the core, as
// test/stf/encap_ipv4_in_ipv6.stf sets it up. Prints one JSON line.

import { benchmark } from './_dataplane.js';

await benchmark('encap-4in6');
