// The lezer grammar accepts what is syntactically PromQL; Prometheus additionally rejects a range
// vector where an instant vector is expected and the reverse ("expected type range vector in
// call to function rate, got instant vector"). This table says which argument of which function
// takes a range vector, so those type errors are caught before a dashboard reaches Prometheus.

/** Function name -> index of its range-vector argument. */
const RANGE_ARGUMENT = new Map<string, number>([
  ['rate', 0],
  ['irate', 0],
  ['increase', 0],
  ['delta', 0],
  ['idelta', 0],
  ['deriv', 0],
  ['resets', 0],
  ['changes', 0],
  ['predict_linear', 0],
  ['double_exponential_smoothing', 0],
  ['avg_over_time', 0],
  ['min_over_time', 0],
  ['max_over_time', 0],
  ['sum_over_time', 0],
  ['count_over_time', 0],
  ['stddev_over_time', 0],
  ['stdvar_over_time', 0],
  ['last_over_time', 0],
  ['first_over_time', 0],
  ['mad_over_time', 0],
  ['present_over_time', 0],
  ['absent_over_time', 0],
  ['ts_of_first_over_time', 0],
  ['ts_of_last_over_time', 0],
  ['ts_of_max_over_time', 0],
  ['ts_of_min_over_time', 0],
  ['quantile_over_time', 1],
]);

/** The index of the range-vector argument of `fn`, or undefined when it takes none. */
export function rangeArgumentIndex(fn: string): number | undefined {
  return RANGE_ARGUMENT.get(fn);
}
