// What a (Grafana-templated) PromQL expression selects and how, read from the syntax tree of
// Prometheus's own lezer grammar: parse errors with their position, the metrics selected, the
// functions called, each range selector with its window and the function consuming it, and the
// label matchers. The dashboard linter's rules are judgments over this analysis.
import { parser } from '@prometheus-io/lezer-promql';
import type { SyntaxNode } from '@lezer/common';
import { substituteGrafanaVariables, variablesIn, type SubstitutedQuery } from './grafana-variables.ts';
import { rangeArgumentIndex } from './range-arguments.ts';

export interface PromqlError {
  readonly message: string;
  /** Offset in the original query (before variable substitution), 0-based. */
  readonly position: number;
  readonly line: number;
  readonly column: number;
}

export interface SelectedMetric {
  /** As written in the query (variables kept), e.g. `http_requests_total` or `${prefix}_up`. */
  readonly name: string;
  /** The name contains a template variable, so it is only known at render time. */
  readonly templated: boolean;
  /** Selected by a regex on __name__ (`{__name__=~"a|b"}`): `name` is the pattern. */
  readonly regex: boolean;
  /** Read as a range (`x[5m]`, or inside a subquery `x[1h:1m]`) rather than as an instant vector. */
  readonly ranged: boolean;
  /** The function or aggregation the selector (or its range) is passed to directly: rate, count... */
  readonly consumer: string | undefined;
}

export interface RangeSelector {
  readonly kind: 'matrix' | 'subquery';
  /** The window as written, e.g. `$__rate_interval` or `5m`. */
  readonly window: string;
  readonly usesRateInterval: boolean;
  /** The function the range is passed to directly, if any. */
  readonly consumer: string | undefined;
}

export interface LabelMatch {
  readonly label: string;
  readonly op: string;
  /** The value as written, without quotes, variables kept: `$job`, `5..`. */
  readonly value: string;
  readonly variables: readonly string[];
}

export interface PromqlAnalysis {
  readonly query: string;
  readonly errors: readonly PromqlError[];
  readonly metrics: readonly SelectedMetric[];
  /** Functions and aggregation operators called, each once, in order of appearance. */
  readonly functions: readonly string[];
  readonly rangeSelectors: readonly RangeSelector[];
  readonly matchers: readonly LabelMatch[];
  /** Template variables referenced anywhere in the query, each once. */
  readonly variables: readonly string[];
}

const RATE_INTERVAL_SPELLINGS = new Set(['$__rate_interval', '${__rate_interval}', '[[__rate_interval]]']);
/** Nodes that pass their operand's type through unchanged. */
const TRANSPARENT = new Set(['ParenExpr', 'OffsetExpr', 'StepInvariantExpr', 'AnchoredExpr', 'SmoothedExpr']);
const RANGE_VALUED = new Set(['MatrixSelector', 'SubqueryExpr']);

class Reader {
  constructor(
    private readonly query: string,
    private readonly substituted: SubstitutedQuery,
  ) {}

  original(node: SyntaxNode): string {
    return this.query.slice(this.substituted.toOriginal(node.from), this.substituted.toOriginal(node.to));
  }

  error(message: string, substitutedPosition: number): PromqlError {
    const position = this.substituted.toOriginal(substitutedPosition);
    const before = this.query.slice(0, position).split('\n');
    return { message, position, line: before.length, column: (before.at(-1)?.length ?? 0) + 1 };
  }

  templated(node: SyntaxNode): boolean {
    return this.substituted.overlapsPlaceholder(node.from, node.to);
  }
}

function children(node: SyntaxNode): SyntaxNode[] {
  const result: SyntaxNode[] = [];
  for (let child = node.firstChild; child !== null; child = child.nextSibling) {
    if (!child.type.isError && child.name !== 'LineComment') result.push(child);
  }
  return result;
}

/** The node, looking through parentheses, offsets and @ modifiers. */
function unwrap(node: SyntaxNode): SyntaxNode {
  let inner = node;
  while (TRANSPARENT.has(inner.name) && inner.firstChild !== null) inner = inner.firstChild;
  return inner;
}

/** The node's enclosing expression, looking up through parentheses, offsets and @ modifiers. */
function outerOf(node: SyntaxNode): SyntaxNode {
  let outer = node;
  while (outer.parent !== null && TRANSPARENT.has(outer.parent.name)) outer = outer.parent;
  return outer;
}

function functionName(call: SyntaxNode, reader: Reader): string {
  const identifier = call.getChild('FunctionIdentifier') ?? call.getChild('AggregateOp');
  return identifier === null ? '' : reader.original(identifier);
}

/** The function or aggregation an expression is passed to directly, and at which argument index. */
function consumerOf(node: SyntaxNode, reader: Reader): { name: string; index: number } | undefined {
  const outer = outerOf(node);
  const body = outer.parent;
  if (body?.name !== 'FunctionCallBody' || body.parent === null) return undefined;
  return { name: functionName(body.parent, reader), index: children(body).findIndex((c) => c.from === outer.from) };
}

function metricOf(selector: SyntaxNode, reader: Reader): SelectedMetric | undefined {
  const enclosing = outerOf(selector).parent;
  const ranged = enclosing !== null && RANGE_VALUED.has(enclosing.name);
  const consumer = consumerOf(ranged && enclosing !== null ? enclosing : selector, reader)?.name;
  const identifier = selector.getChild('Identifier');
  if (identifier !== null) {
    return { name: reader.original(identifier), templated: reader.templated(identifier), regex: false, ranged, consumer };
  }
  const matchers = selector.getChild('LabelMatchers');
  const quotedName = matchers?.getChild('QuotedLabelName')?.getChild('StringLiteral');
  if (quotedName) {
    const name = reader.original(quotedName).slice(1, -1);
    return { name, templated: reader.templated(quotedName), regex: false, ranged, consumer };
  }
  for (const matcher of matchers?.getChildren('UnquotedLabelMatcher') ?? []) {
    const label = matcher.getChild('LabelName');
    const value = matcher.getChild('StringLiteral');
    const op = matcher.getChild('MatchOp');
    if (label === null || value === null || op === null || reader.original(label) !== '__name__') continue;
    const opText = reader.original(op);
    if (opText !== '=' && opText !== '=~') continue;
    const name = reader.original(value).slice(1, -1);
    return { name, templated: variablesIn(name).length > 0, regex: opText === '=~', ranged, consumer };
  }
  return undefined;
}

function matcherOf(matcher: SyntaxNode, reader: Reader): LabelMatch | undefined {
  const labelNode = matcher.getChild('LabelName') ?? matcher.getChild('QuotedLabelName');
  const op = matcher.getChild('MatchOp');
  const values = matcher.getChildren('StringLiteral');
  const value = values.at(-1);
  if (labelNode === null || op === null || value === undefined) return undefined;
  const label = reader.original(labelNode).replace(/^"(.*)"$/, '$1');
  const text = reader.original(value).slice(1, -1);
  return { label, op: reader.original(op), value: text, variables: variablesIn(text) };
}

function rangeOf(node: SyntaxNode, reader: Reader): RangeSelector {
  const window = node.getChild('DurationExpr');
  const windowText = window === null ? '' : reader.original(window).trim();
  return {
    kind: node.name === 'MatrixSelector' ? 'matrix' : 'subquery',
    window: windowText,
    usesRateInterval: RATE_INTERVAL_SPELLINGS.has(windowText),
    consumer: consumerOf(node, reader)?.name,
  };
}

function syntaxError(errorNode: SyntaxNode, text: string, reader: Reader): PromqlError {
  if (errorNode.from >= text.trimEnd().length) return reader.error('unexpected end of query', errorNode.from);
  const unknownFunction = /([A-Za-z_]\w*)\s*$/.exec(text.slice(0, errorNode.from));
  if (text[errorNode.from] === '(' && unknownFunction?.[1] !== undefined) {
    return reader.error(`unknown function "${unknownFunction[1]}"`, errorNode.from);
  }
  const token = text.slice(errorNode.from).match(/^\S{1,20}/)?.[0] ?? text[errorNode.from];
  return reader.error(`unexpected "${token}"`, errorNode.from);
}

function typeErrors(tree: SyntaxNode, reader: Reader): PromqlError[] {
  const errors: PromqlError[] = [];
  const visit = (node: SyntaxNode): void => {
    if (node.name === 'FunctionCall') {
      const name = functionName(node, reader);
      const index = rangeArgumentIndex(name);
      const args = children(node.getChild('FunctionCallBody') ?? node);
      const arg = index === undefined ? undefined : args[index];
      if (index !== undefined && (arg === undefined || !RANGE_VALUED.has(unwrap(arg).name))) {
        const where = arg?.from ?? node.to;
        errors.push(reader.error(`${name}() expects a range vector as argument ${index + 1}, e.g. x[$__rate_interval]`, where));
      }
    }
    if (RANGE_VALUED.has(node.name)) {
      const consumer = consumerOf(node, reader);
      if (consumer === undefined || rangeArgumentIndex(consumer.name) !== consumer.index) {
        const where = consumer === undefined ? 'here' : `in ${consumer.name}()`;
        errors.push(reader.error(`a range vector is not allowed ${where}; pass it to a function such as rate()`, node.from));
      }
    }
    for (const child of children(node)) visit(child);
  };
  visit(tree);
  return errors;
}

export function analyzePromql(query: string): PromqlAnalysis {
  const substituted = substituteGrafanaVariables(query);
  const reader = new Reader(query, substituted);
  const tree = parser.parse(substituted.text);
  const metrics: SelectedMetric[] = [];
  const functions = new Set<string>();
  const rangeSelectors: RangeSelector[] = [];
  const matchers: LabelMatch[] = [];
  let firstError: PromqlError | undefined =
    substituted.text.trim() === '' ? reader.error('empty query', 0) : undefined;

  tree.iterate({
    enter: (ref) => {
      const node = ref.node;
      if (ref.type.isError) firstError ??= syntaxError(node, substituted.text, reader);
      else if (ref.name === 'VectorSelector') {
        const metric = metricOf(node, reader);
        if (metric !== undefined) metrics.push(metric);
      } else if (ref.name === 'FunctionCall' || ref.name === 'AggregateExpr') functions.add(functionName(node, reader));
      else if (RANGE_VALUED.has(ref.name)) rangeSelectors.push(rangeOf(node, reader));
      else if (ref.name === 'UnquotedLabelMatcher' || ref.name === 'QuotedLabelMatcher') {
        const match = matcherOf(node, reader);
        if (match !== undefined) matchers.push(match);
      }
    },
  });
  return {
    query,
    errors: firstError === undefined ? typeErrors(tree.topNode, reader) : [firstError],
    metrics,
    functions: [...functions],
    rangeSelectors,
    matchers,
    variables: [...new Set(substituted.variables)],
  };
}
