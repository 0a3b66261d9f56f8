// Switch ports and what they are attached to; this file only re-exports.

export * from './attachment.js';
export * from './port-set.js';
export * from './link.js';
export * from './pcap-attachment.js';
export * from './udp.js';
export * from './spec.js';
export * from './capture.js';
