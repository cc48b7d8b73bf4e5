// ONYX_INSTRUMENTATION, the one switch bench/overhead flips, read once per process:
//   on (default)  request metrics observed, the runtime's metrics collected;
//   off           nothing observed or collected (the families stay, empty);
//   switchable    starts on, and POST /-/instrumentation?on=true|false turns the shared
//                 instrumentation (request metrics, the Node runtime's metrics and the event-loop
//                 sampling) off and on in the running process. Only the overhead bench sets it: it
//                 measures one process both ways, so that a lasting difference between two processes
//                 of the same build is not read as the instrumentation's cost.

export const INSTRUMENTATION_SWITCH = 'ONYX_INSTRUMENTATION';
export const INSTRUMENTATION_CONTROL_PATH = '/-/instrumentation';

export const INSTRUMENTATION_MODES = ['on', 'off', 'switchable'] as const;
export type InstrumentationMode = (typeof INSTRUMENTATION_MODES)[number];

export function instrumentationMode(env: NodeJS.ProcessEnv = process.env): InstrumentationMode {
  const value = env[INSTRUMENTATION_SWITCH] ?? 'on';
  if (!(INSTRUMENTATION_MODES as readonly string[]).includes(value)) {
    throw new Error(`${INSTRUMENTATION_SWITCH} must be one of ${INSTRUMENTATION_MODES.join(', ')}; got "${value}"`);
  }
  return value as InstrumentationMode;
}

/** Whether the process was started with its instrumentation off for good. */
export const instrumentationOff = (): boolean => instrumentationMode() === 'off';

export interface InstrumentationState {
  /** Read on every request: a plain field, no call. */
  readonly on: boolean;
  set(on: boolean): void;
  /** Called on every change (the event-loop sampler stops and starts with it). */
  onChange(listener: (on: boolean) => void): void;
}

export function createInstrumentationState(on: boolean): InstrumentationState {
  const listeners: ((on: boolean) => void)[] = [];
  const state = {
    on,
    set(next: boolean) {
      if (state.on === next) return;
      state.on = next;
      for (const listener of listeners) listener(next);
    },
    onChange(listener: (on: boolean) => void) {
      listeners.push(listener);
    },
  };
  return state;
}
