// Egress AFBR: an RFC 4213 IPv6-in-IPv4 packet from the core, admitted from an
// authorised endpoint, decapsulated and routed in the E-IP IPv6 table in the
// same pass, as test/stf/decap_ip_in_ip.stf sets it up. Prints one JSON line.

import { benchmark } from './_dataplane.js';

await benchmark('decap-6in4');
