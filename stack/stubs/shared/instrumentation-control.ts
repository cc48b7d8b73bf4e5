import { HttpError, type Route } from './http-server.ts';
import { INSTRUMENTATION_CONTROL_PATH, type InstrumentationState } from './instrumentation.ts';

// POST /-/instrumentation?on=true|false, present only with ONYX_INSTRUMENTATION=switchable (the
// overhead bench's containers, on the bench's own network): sets the shared instrumentation and
// answers with the state now in force.
export function instrumentationControlRoute(instrumentation: InstrumentationState): Route {
  return {
    method: 'POST',
    template: INSTRUMENTATION_CONTROL_PATH,
    handler: ({ query }) => {
      const on = query.get('on');
      if (on !== 'true' && on !== 'false') throw new HttpError(400, `query parameter "on" must be true or false, got ${on === null ? 'none' : JSON.stringify(on)}`);
      instrumentation.set(on === 'true');
      return { json: { on: instrumentation.on } };
    },
  };
}
