import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Gauge, type Registry } from 'prom-client';
import type { InstrumentationState } from './instrumentation.ts';

// prom-client 15's event-loop delay gauges (nodejs_eventloop_lag_{min,max,mean,stddev,p50,p90,p99}_seconds,
// same names, help and reset after each scrape), from a sampler this module holds: prom-client's
// own collector keeps its sampler private, and its timer wakes the process every `resolutionMs`
// whether or not anyone reads the figures. Holding it lets the switchable instrumentation stop
// that timer too, so the overhead bench's "off" is the same as a process started with it off.

const FIGURES = [
  ['min', 'The minimum recorded event loop delay.', (h: Sampler) => h.min],
  ['max', 'The maximum recorded event loop delay.', (h: Sampler) => h.max],
  ['mean', 'The mean of the recorded event loop delays.', (h: Sampler) => h.mean],
  ['stddev', 'The standard deviation of the recorded event loop delays.', (h: Sampler) => h.stddev],
  ['p50', 'The 50th percentile of the recorded event loop delays.', (h: Sampler) => h.percentile(50)],
  ['p90', 'The 90th percentile of the recorded event loop delays.', (h: Sampler) => h.percentile(90)],
  ['p99', 'The 99th percentile of the recorded event loop delays.', (h: Sampler) => h.percentile(99)],
] as const;

type Sampler = ReturnType<typeof monitorEventLoopDelay>;

export const EVENT_LOOP_DELAY_METRICS = FIGURES.map(([figure]) => `nodejs_eventloop_lag_${figure}_seconds`);

export function collectEventLoopDelay(registry: Registry, resolutionMs: number, instrumentation: InstrumentationState): void {
  const sampler = monitorEventLoopDelay({ resolution: resolutionMs });
  if (instrumentation.on) sampler.enable();
  instrumentation.onChange((on) => (on ? sampler.enable() : sampler.disable()));
  const gauges = FIGURES.map(([figure, help], i) => {
    const gauge: Gauge = new Gauge({
      name: EVENT_LOOP_DELAY_METRICS[i]!,
      help,
      registers: [registry],
      // One collect sets all seven from the same samples, then starts the next window.
      ...(i === 0 ? { collect: () => setAll() } : {}),
    });
    return gauge;
  });
  // A window without samples (a scrape within 10 ms of the start, or while switched off) keeps the
  // last figures: prom-client would set a mean of NaN, and write it as "Nan".
  function setAll(): void {
    if (sampler.count === 0) return;
    FIGURES.forEach(([, , read], i) => gauges[i]!.set(read(sampler) / 1e9));
    sampler.reset();
  }
}
