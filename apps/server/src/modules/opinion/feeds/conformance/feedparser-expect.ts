import { canonicalEncoding } from '../charset.ts';
import type { ParsedFeed } from '../parse-feed.ts';

/**
 * A small evaluator for the Python expressions of feedparser's test files (`Expect: not bozo and
 * entries[0]['title'] == u'…'`): literals (strings with escapes, numbers, tuples, dicts), names, subscripts,
 * attributes, `len`/`ord`, `.get`/`.has_key`, `==`/`!=`, `not`/`and`/`or`. Nothing is executed.
 *
 * feedparser's result names are mapped onto our output (`entries` → items, `description` → summary, `guid` →
 * id, `content[0].value` → content …). A name we do not produce (`version`, `tags`, `enclosures` …) is unknown,
 * and the logic is three-valued: `not bozo and version == 'rss20'` fails when bozo is set, and is unknown
 * ("not applicable") otherwise. A missing key or index raises, as in Python, and fails the case.
 */

export type Outcome = 'pass' | 'fail' | 'n/a';

const unknown = Symbol('unknown');
type Value = null | boolean | number | string | Value[] | Mapping | Encoding | typeof unknown | ((args: Value[]) => Value);

/** A feedparser dict: mapped keys give our values (null = absent, so a KeyError), other keys are unknown. */
class Mapping {
  constructor(readonly fields: Record<string, Value>) {}
  get(key: string): Value {
    if (!Object.hasOwn(this.fields, key)) return unknown;
    const value = this.fields[key];
    if (value === null) throw new EvalError(`KeyError: ${key}`);
    return value;
  }
}

/** Charset names compare as charsets: case-insensitively, GB2312 the same as GB18030. */
class Encoding {
  constructor(readonly name: string) {}
}

// ------------------------------------------------------------------------------------------------------------------
// Tokens and syntax

type Token = { kind: 'string' | 'number' | 'name' | 'op'; value: string };

function unescapePython(body: string): string {
  return body.replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|.)/gs, (_, e: string) => {
    if (/^[xuU]/.test(e) && e.length > 1) return String.fromCodePoint(parseInt(e.slice(1), 16));
    return ({ n: '\n', t: '\t', r: '\r', '0': '\0' } as Record<string, string>)[e] ?? e;
  });
}

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  const pattern = /\s+|([uUbB]?[rR]?)("""[\s\S]*?"""|'''[\s\S]*?'''|"(?:\\.|[^"\\])*"|'(?:\\.|[^'\\])*')|(\d+(?:\.\d+)?)|([A-Za-z_]\w*)|(==|!=|[()[\]{},.:])/gy;
  let at = 0;
  for (let match; at < source.length && (match = pattern.exec(source)); at = pattern.lastIndex) {
    const [, prefix, quoted, number, name, op] = match;
    if (quoted !== undefined) {
      const quote = quoted.startsWith('"""') || quoted.startsWith("'''") ? 3 : 1;
      const body = quoted.slice(quote, -quote);
      tokens.push({ kind: 'string', value: /r/i.test(prefix) ? body : unescapePython(body) });
    } else if (number !== undefined) tokens.push({ kind: 'number', value: number });
    else if (name !== undefined) tokens.push({ kind: 'name', value: name });
    else if (op !== undefined) tokens.push({ kind: 'op', value: op });
  }
  if (at < source.length) throw new SyntaxError(`cannot read ${JSON.stringify(source.slice(at, at + 20))} in ${source}`);
  return tokens;
}

type Node =
  | { type: 'literal'; value: Value }
  | { type: 'name'; name: string }
  | { type: 'tuple'; items: Node[] }
  | { type: 'dict'; entries: [Node, Node][] }
  | { type: 'subscript'; target: Node; index: Node }
  | { type: 'attribute'; target: Node; name: string }
  | { type: 'call'; target: Node; args: Node[] }
  | { type: 'not'; operand: Node }
  | { type: 'logic'; op: 'and' | 'or'; left: Node; right: Node }
  | { type: 'compare'; op: '==' | '!='; left: Node; right: Node };

export function parseExpression(source: string): Node {
  const tokens = tokenize(source);
  let at = 0;
  const peek = (value: string) => tokens[at]?.value === value && tokens[at].kind !== 'string';
  const expect = (value: string) => {
    if (!peek(value)) throw new SyntaxError(`expected ${value} at token ${at} of ${source}`);
    at++;
  };
  const list = (close: string, item: () => Node) => {
    const items: Node[] = [];
    while (!peek(close)) {
      items.push(item());
      if (!peek(close)) expect(',');
    }
    expect(close);
    return items;
  };

  const primary = (): Node => {
    const token = tokens[at++];
    if (!token) throw new SyntaxError(`unexpected end of ${source}`);
    if (token.kind === 'string') {
      let value = token.value;
      while (tokens[at]?.kind === 'string') value += tokens[at++].value; // 'a' 'b' concatenation
      return { type: 'literal', value };
    }
    if (token.kind === 'number') return { type: 'literal', value: Number(token.value) };
    if (token.kind === 'name') {
      const constants: Record<string, Value> = { True: true, False: false, None: null };
      return token.value in constants ? { type: 'literal', value: constants[token.value] } : { type: 'name', name: token.value };
    }
    if (token.value === '(') {
      const items = list(')', expression);
      const trailingComma = tokens[at - 2]?.kind === 'op' && tokens[at - 2].value === ',';
      return items.length === 1 && !trailingComma ? items[0] : { type: 'tuple', items };
    }
    if (token.value === '[') return { type: 'tuple', items: list(']', expression) };
    if (token.value === '{') {
      const entries: [Node, Node][] = [];
      while (!peek('}')) {
        const key = expression();
        expect(':');
        entries.push([key, expression()]);
        if (!peek('}')) expect(',');
      }
      expect('}');
      return { type: 'dict', entries };
    }
    throw new SyntaxError(`unexpected ${token.value} in ${source}`);
  };
  const postfix = (): Node => {
    let node = primary();
    for (;;) {
      if (peek('[')) {
        at++;
        const index = expression();
        expect(']');
        node = { type: 'subscript', target: node, index };
      } else if (peek('.')) {
        at++;
        const name = tokens[at++];
        if (name?.kind !== 'name') throw new SyntaxError(`expected a name after . in ${source}`);
        node = { type: 'attribute', target: node, name: name.value };
      } else if (peek('(')) {
        at++;
        node = { type: 'call', target: node, args: list(')', expression) };
      } else return node;
    }
  };
  const comparison = (): Node => {
    const left = postfix();
    if (peek('==') || peek('!=')) {
      const op = tokens[at++].value as '==' | '!=';
      return { type: 'compare', op, left, right: postfix() };
    }
    return left;
  };
  const not = (): Node => (peek('not') ? (at++, { type: 'not', operand: not() }) : comparison());
  const logic = (op: 'and' | 'or', operand: () => Node) => (): Node => {
    let node = operand();
    while (peek(op)) {
      at++;
      node = { type: 'logic', op, left: node, right: operand() };
    }
    return node;
  };
  const and = logic('and', not);
  const expression: () => Node = logic('or', and);

  const node = expression();
  if (at < tokens.length) throw new SyntaxError(`unexpected ${tokens[at].value} in ${source}`);
  return node;
}

// ------------------------------------------------------------------------------------------------------------------
// Evaluation

function truth(value: Value): boolean | typeof unknown {
  if (value === unknown) return unknown;
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'string') return value.length > 0;
  return value instanceof Mapping || !!value; // feedparser's dicts are never empty
}

function equal(a: Value, b: Value): boolean | typeof unknown {
  if (a === unknown || b === unknown) return unknown;
  if (a instanceof Encoding || b instanceof Encoding) {
    const name = (v: Value) => (v instanceof Encoding ? v.name : typeof v === 'string' ? (canonicalEncoding(v) ?? v.toLowerCase()) : null);
    return name(a) !== null && name(a) === name(b);
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return false;
    let result: boolean | typeof unknown = true;
    for (let i = 0; i < a.length; i++) {
      const e = equal(a[i], b[i]);
      if (e === false) return false;
      if (e === unknown) result = unknown;
    }
    return result;
  }
  // Dicts are compared in feedparser's tests only where we map no field (links, enclosures, contributors).
  if (a instanceof Mapping || b instanceof Mapping) return unknown;
  return a === b;
}

function member(target: Value, key: Value): Value {
  if (target === unknown || key === unknown) return unknown;
  if (Array.isArray(target) || typeof target === 'string') {
    if (typeof key !== 'number') throw new EvalError(`TypeError: index ${String(key)}`);
    const index = key < 0 ? target.length + key : key;
    if (index >= target.length || index < 0) throw new EvalError(`IndexError: ${key}`);
    return target[index];
  }
  if (target instanceof Mapping && typeof key === 'string') return target.get(key);
  throw new EvalError(`TypeError: cannot subscript ${String(target)}`);
}

function methodOf(target: Value, name: string): Value {
  if (target === unknown) return unknown;
  const mapped = (key: Value): key is string => target instanceof Mapping && typeof key === 'string' && Object.hasOwn(target.fields, key);
  if (target instanceof Mapping && name === 'get') return ([key]) => (mapped(key) ? target.fields[key] : unknown);
  if (target instanceof Mapping && name === 'has_key') return ([key]) => (mapped(key) ? target.fields[key] !== null : unknown);
  return member(target, name);
}

const builtins: Record<string, Value> = {
  len: ([v]) => (Array.isArray(v) || typeof v === 'string' ? [...v].length : unknown),
  ord: ([v]) => {
    if (v === unknown) return unknown;
    if (typeof v !== 'string' || [...v].length !== 1) throw new EvalError(`TypeError: ord() of ${JSON.stringify(v)}`);
    return v.codePointAt(0)!;
  },
};

function evaluate(node: Node, names: Record<string, Value>): Value {
  switch (node.type) {
    case 'literal':
      return node.value;
    case 'name':
      return Object.hasOwn(names, node.name) ? names[node.name] : Object.hasOwn(builtins, node.name) ? builtins[node.name] : unknown;
    case 'tuple':
      return node.items.map((item) => evaluate(item, names));
    case 'dict':
      return new Mapping(Object.fromEntries(node.entries.map(([k, v]) => [String(evaluate(k, names)), evaluate(v, names)])));
    case 'subscript':
      return member(evaluate(node.target, names), evaluate(node.index, names));
    case 'attribute':
      return methodOf(evaluate(node.target, names), node.name);
    case 'call': {
      const callee = evaluate(node.target, names);
      if (callee === unknown) return unknown;
      if (typeof callee !== 'function') throw new EvalError('TypeError: not callable');
      return callee(node.args.map((a) => evaluate(a, names)));
    }
    case 'not': {
      const t = truth(evaluate(node.operand, names));
      return t === unknown ? unknown : !t;
    }
    case 'compare': {
      const e = equal(evaluate(node.left, names), evaluate(node.right, names));
      return e === unknown ? unknown : node.op === '==' ? e : !e;
    }
    case 'logic': {
      // Kleene logic with Python's short circuit: a decided left side settles `and`/`or` alone.
      const left = truth(evaluate(node.left, names));
      if (left === (node.op === 'or')) return left;
      const right = truth(evaluate(node.right, names));
      if (left === unknown) return right === (node.op === 'or') ? right : unknown;
      return right;
    }
  }
}

/** Python's `time.struct_time` of an ISO instant: year … second, weekday (Monday 0), day of year, isdst 0. */
function structTime(iso: string | null): Value {
  if (!iso) return null;
  const d = new Date(iso);
  const yday = Math.floor((Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()) - Date.UTC(d.getUTCFullYear(), 0, 1)) / 86_400_000) + 1;
  return [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), (d.getUTCDay() + 6) % 7, yday, 0];
}

const detail = (value: string | null) => (value === null ? null : new Mapping({ value }));

/** feedparser's result names over our output. */
export function feedparserNames(result: ParsedFeed): Record<string, Value> {
  const entries = result.items.map(
    (item) =>
      new Mapping({
        id: item.id,
        guid: item.id,
        title: item.title,
        title_detail: detail(item.title),
        link: item.link,
        summary: item.summary,
        description: item.summary,
        summary_detail: detail(item.summary),
        content: item.content === null ? null : [new Mapping({ value: item.content })],
        author: item.author,
        author_detail: item.author === null ? null : new Mapping({ name: item.author }),
        published_parsed: structTime(item.published_at),
        updated_parsed: structTime(item.published_at),
      }),
  );
  return {
    bozo: result.bozo,
    encoding: new Encoding(result.encoding),
    feed: new Mapping({ title: result.feed.title, title_detail: detail(result.feed.title), link: result.feed.link }),
    entries,
  };
}

/** The outcome of one `Expect:` expression on our parse of the file; an exception (KeyError, IndexError …) fails. */
export function checkExpectation(expression: string, result: ParsedFeed): { outcome: Outcome; error?: string } {
  const node = parseExpression(expression);
  try {
    const t = truth(evaluate(node, feedparserNames(result)));
    return { outcome: t === unknown ? 'n/a' : t ? 'pass' : 'fail' };
  } catch (err) {
    if (err instanceof EvalError) return { outcome: 'fail', error: err.message };
    throw err;
  }
}
