import type { BuildOptions } from 'esbuild';

// How the stub image's single file is built from main.ts. prom-client is CommonJS and requires
// node built-ins at run time; an ESM bundle has no `require`, so the banner makes one.

export const STUB_ENTRY = 'stack/stubs/main.ts';

export const STUB_BUNDLE_OPTIONS = {
  entryPoints: [STUB_ENTRY],
  bundle: true,
  platform: 'node',
  target: 'node18',
  format: 'esm',
  banner: {
    js: "import { createRequire as __stubCreateRequire } from 'node:module'; const require = __stubCreateRequire(import.meta.url);",
  },
} as const satisfies BuildOptions;
