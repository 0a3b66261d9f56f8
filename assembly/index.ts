// Kernels compiled to WebAssembly (see asconfig.json). Each kernel keeps a
// TypeScript reference implementation in src/ that its tests use as the oracle.
export { internetChecksum, scratchBase, scratchSize } from './util/checksum';
