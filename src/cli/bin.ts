// Executable entry point (package.json "bin": dist/cli.js).
import { main } from './main.js';

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`softmesh: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(70);
  },
);
