// prom-client's default collectors, one module each (15.1: lib/metrics/*.js, CommonJS, no types).
declare module 'prom-client/lib/metrics/*.js' {
  import type { Registry } from 'prom-client';
  const collect: (registry: Registry, config?: Record<string, unknown>) => void;
  export default collect;
}
