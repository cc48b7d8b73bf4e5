// Grafana interpolates template variables into a query before Prometheus sees it, so a dashboard
// query is not PromQL until they are replaced. Each variable outside a string literal becomes a
// placeholder that is valid where it stands (a duration inside a range, a number for the
// millisecond/second built-ins, an identifier elsewhere); variables inside string literals stay,
// since any text is valid there. Positions in the substituted text map back to the original.

/**
 * Grafana's three variable syntaxes: $var, [[var(:fmt)]], ${var(.field)(:fmt)}. `$1`, `$2`... are
 * not variables: they are capture groups, as in label_replace(..., "$1", ...).
 */
const VARIABLE = /\$(?!\d+(?!\w))(\w+)|\[\[(\w+?)(?::(\w+))?\]\]|\$\{(\w+)(?:\.([^:^}]+))?(?::([^}]+))?\}/y;

const NUMERIC_BUILTINS = new Set([
  '__from',
  '__to',
  '__interval_ms',
  '__range_s',
  '__range_ms',
  '__rate_interval_ms',
]);

const DURATION_PLACEHOLDER = '1m';
const NUMBER_PLACEHOLDER = '60';
const FUNCTION_PLACEHOLDER = 'sum';

interface Substitution {
  readonly originalFrom: number;
  readonly originalTo: number;
  readonly from: number;
  readonly to: number;
}

export interface SubstitutedQuery {
  /** The query with every variable outside string literals replaced: parse this. */
  readonly text: string;
  /** Names of all variables referenced, in and outside string literals, in order of appearance. */
  readonly variables: readonly string[];
  /** Maps a position in `text` back to the position in the original query. */
  toOriginal(position: number): number;
  /** True when the span [from, to) of `text` overlaps a placeholder. */
  overlapsPlaceholder(from: number, to: number): boolean;
}

function placeholderFor(name: string, original: string, start: number, end: number): string {
  const before = original.slice(0, start).trimEnd();
  const after = original.slice(end).trimStart();
  const inDuration = before.endsWith('[') || /\boffset$/i.test(before) || /^[\]:]/.test(after);
  if (inDuration) return DURATION_PLACEHOLDER;
  if (NUMERIC_BUILTINS.has(name)) return NUMBER_PLACEHOLDER;
  const glued = /\w$/.test(original.slice(0, start)) || /^\w/.test(original.slice(end));
  // `$aggregation(...)` and `$aggregation by (...)`: a variable that names the operator.
  if (!glued && /^(\(|by\b|without\b)/.test(after)) return FUNCTION_PLACEHOLDER;
  return `grafana_var_${name}`;
}

/** Names of the variables a text refers to, in order (a label value such as `"$job|${env}"`). */
export function variablesIn(text: string): string[] {
  return [...text.matchAll(new RegExp(VARIABLE.source, 'g'))].map(
    (match) => match[1] ?? match[2] ?? match[4] ?? '',
  );
}

/** Skips a string literal starting at `start` (a quote); returns the index after its end. */
function endOfString(query: string, start: number): number {
  const quote = query[start];
  let index = start + 1;
  while (index < query.length && query[index] !== quote) {
    index += quote !== '`' && query[index] === '\\' ? 2 : 1;
  }
  return Math.min(index + 1, query.length);
}

export function substituteGrafanaVariables(query: string): SubstitutedQuery {
  const variables: string[] = [];
  const substitutions: Substitution[] = [];
  let text = '';
  let index = 0;
  while (index < query.length) {
    const char = query[index] ?? '';
    if (char === '"' || char === "'" || char === '`') {
      const end = endOfString(query, index);
      const literal = query.slice(index, end);
      variables.push(...variablesIn(literal));
      text += literal;
      index = end;
      continue;
    }
    VARIABLE.lastIndex = index;
    const match = VARIABLE.exec(query);
    if (match === null) {
      text += char;
      index += 1;
      continue;
    }
    const name = match[1] ?? match[2] ?? match[4] ?? '';
    const end = index + match[0].length;
    const placeholder = placeholderFor(name, query, index, end);
    variables.push(name);
    substitutions.push({
      originalFrom: index,
      originalTo: end,
      from: text.length,
      to: text.length + placeholder.length,
    });
    text += placeholder;
    index = end;
  }

  return {
    text,
    variables,
    toOriginal(position) {
      let shift = 0;
      for (const substitution of substitutions) {
        if (position <= substitution.from) break;
        if (position < substitution.to) return substitution.originalFrom;
        shift = substitution.originalTo - substitution.to;
      }
      return position + shift;
    },
    overlapsPlaceholder(from, to) {
      return substitutions.some((substitution) => substitution.from < to && from < substitution.to);
    },
  };
}
