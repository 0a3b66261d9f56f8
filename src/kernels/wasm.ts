import { readFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// Loads the AssemblyScript kernels (build/wasm/release.wasm, built by
// `npm run asbuild`). The module has no imports: kernels use no host APIs.

// The WebAssembly global exists in Node, but its types live in lib.dom; this
// project compiles without DOM types, so declare the little it uses.
declare const WebAssembly: {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: unknown };
};

export interface KernelExports {
  memory: { buffer: ArrayBuffer };
  scratchBase(): number;
  scratchSize(): number;
  internetChecksum(length: number): number;
}

function findPackageRoot(start: string): string {
  let dir = start;
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'asconfig.json'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error('softmesh package root not found from ' + start);
    dir = parent;
  }
}

let cached: KernelExports | undefined;

export function loadKernels(): KernelExports {
  if (cached) return cached;
  const root = findPackageRoot(dirname(fileURLToPath(import.meta.url)));
  const file = join(root, 'build', 'wasm', 'release.wasm');
  if (!existsSync(file)) throw new Error(`${file} is missing: run \`npm run asbuild\``);
  const module = new WebAssembly.Module(readFileSync(file));
  const instance = new WebAssembly.Instance(module, {});
  cached = instance.exports as unknown as KernelExports;
  return cached;
}

/** RFC 1071 checksum computed by the WebAssembly kernel. */
export function wasmInternetChecksum(bytes: Uint8Array): number {
  const k = loadKernels();
  const size = k.scratchSize();
  if (bytes.length > size) throw new RangeError(`checksum input of ${bytes.length} bytes exceeds ${size}`);
  new Uint8Array(k.memory.buffer, k.scratchBase(), bytes.length).set(bytes);
  return k.internetChecksum(bytes.length);
}
