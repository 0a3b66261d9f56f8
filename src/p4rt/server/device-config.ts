// The `p4_device_config` format of softmesh targets (ForwardingPipelineConfig,
// P4Runtime §7: "opaque target-dependent forwarding-pipeline configuration").
//
// The embedded switch compiles P4 source itself, so its device config is the
// source, as UTF-8 JSON:
//
//   {"format":"softmesh-p4/1",
//    "main":"softmesh.p4",                      // entry file, a key of "files"
//    "files":{"softmesh.p4":"<source>", "include/headers.p4":"<source>", ...},
//    "defines":{"NAME":"value"}}                // optional, for the preprocessor
//
// `#include "..."` resolves against "files" first, then the project's
// p4/arch and p4/include. An empty p4_device_config is accepted and means "no
// program" — only a target that needs no program (the in-memory reference
// target) can realize it. The server checks the shape; the target compiles.

export const deviceConfigFormat = 'softmesh-p4/1';

export interface DeviceConfig {
  format: typeof deviceConfigFormat;
  /** Entry file; '' when the device config was empty. */
  main: string;
  files: Record<string, string>;
  defines: Record<string, string>;
}

export type DeviceConfigResult = { ok: true; config: DeviceConfig } | { ok: false; message: string };

const emptyConfig: DeviceConfig = Object.freeze({ format: deviceConfigFormat, main: '', files: {}, defines: {} });

function isStringRecord(value: unknown): value is Record<string, string> {
  return (
    typeof value === 'object' && value !== null && !Array.isArray(value) &&
    Object.values(value).every((item) => typeof item === 'string')
  );
}

export function parseDeviceConfig(bytes: Uint8Array): DeviceConfigResult {
  if (bytes.length === 0) return { ok: true, config: emptyConfig };
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (error) {
    return { ok: false, message: `p4_device_config is not UTF-8 JSON: ${(error as Error).message}` };
  }
  if (typeof parsed !== 'object' || parsed === null) return { ok: false, message: 'p4_device_config must be a JSON object' };
  const object = parsed as Record<string, unknown>;
  if (object.format !== deviceConfigFormat) {
    return { ok: false, message: `p4_device_config format must be "${deviceConfigFormat}", got ${JSON.stringify(object.format)}` };
  }
  if (!isStringRecord(object.files)) return { ok: false, message: 'p4_device_config "files" must map file names to source text' };
  if (typeof object.main !== 'string' || !(object.main in object.files)) {
    return { ok: false, message: 'p4_device_config "main" must name one of "files"' };
  }
  const defines = object.defines ?? {};
  if (!isStringRecord(defines)) return { ok: false, message: 'p4_device_config "defines" must map names to strings' };
  return { ok: true, config: { format: deviceConfigFormat, main: object.main, files: object.files, defines } };
}

export function encodeDeviceConfig(main: string, files: Record<string, string>, defines: Record<string, string> = {}): Uint8Array {
  const object: Record<string, unknown> = { format: deviceConfigFormat, main, files };
  if (Object.keys(defines).length > 0) object.defines = defines;
  return new TextEncoder().encode(JSON.stringify(object));
}
