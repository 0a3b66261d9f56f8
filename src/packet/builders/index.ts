// Packet builders and decoders for tests, tools and the CLI. One module per
// protocol; this file only re-exports.

export * from './ethernet.js';
export * from './arp.js';
export * from './ipv4.js';
export * from './ipv6.js';
export * from './transport.js';
export * from './gre.js';
export * from './l2tpv3.js';
export * from './mpls.js';
export * from './compose.js';
export * from './dissect.js';
