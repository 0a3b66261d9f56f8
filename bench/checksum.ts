// RFC 1071 checksum: TypeScript reference vs the WebAssembly kernel, 1500-byte buffers.
import { internetChecksum } from '../src/packet/checksum.js';
import { wasmInternetChecksum } from '../src/kernels/wasm.js';

const buffer = new Uint8Array(1500);
for (let i = 0; i < buffer.length; i++) buffer[i] = (i * 131 + 7) & 0xff;

function rate(fn: (b: Uint8Array) => number): number {
  const iterations = 200_000;
  let sink = 0;
  for (let i = 0; i < 20_000; i++) sink ^= fn(buffer); // warm-up
  const started = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) sink ^= fn(buffer);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (sink === -1) process.stderr.write('');
  return Math.round(iterations / seconds);
}

const typescript = rate(internetChecksum);
const wasm = rate(wasmInternetChecksum);
process.stdout.write(
  JSON.stringify({ bench: 'checksum-1500B', ts_per_s: typescript, wasm_per_s: wasm, speedup: +(wasm / typescript).toFixed(2) }) + '\n',
);
