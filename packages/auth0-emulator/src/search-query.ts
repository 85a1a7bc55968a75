// The subset of Auth0's user search v3 query language (Lucene syntax on Elasticsearch) that clients
// of this emulator rely on, per https://auth0.com/docs/manage-users/user-search/user-search-query-syntax.
// What it matches, and which behaviours are guesses: README.md "Search syntax".

export class SearchQueryError extends Error {
  override name = 'SearchQueryError';
}

export type SearchQuery =
  | { kind: 'all' }
  | { kind: 'and'; clauses: SearchQuery[] }
  | { kind: 'or'; clauses: SearchQuery[] }
  | { kind: 'not'; clause: SearchQuery }
  /** Exact match; `field` null searches DEFAULT_FIELDS. `value` is already case-folded when the field is case-insensitive. */
  | { kind: 'term'; field: string | null; path: string[]; value: string }
  /** An OR group of exact values on one field, kept in a Set so 100-id batches stay cheap. */
  | { kind: 'terms'; field: string; path: string[]; values: ReadonlySet<string> }
  /** `regex` is built from the case-folded pattern for case-insensitive fields; `lowerRegex` serves field-less terms. */
  | { kind: 'wildcard'; field: string | null; path: string[]; pattern: string; regex: RegExp; lowerRegex: RegExp }
  | { kind: 'exists'; field: string; path: string[] }
  | {
      kind: 'range';
      field: string;
      path: string[];
      lower: string | null;
      upper: string | null;
      includeLower: boolean;
      includeUpper: boolean;
    };

export interface ParseOptions {
  /** Operator between clauses written without one. Default 'OR' (see the header comment). */
  defaultOperator?: 'AND' | 'OR';
}

export const CASE_INSENSITIVE_FIELDS: ReadonlySet<string> = new Set([
  'email',
  'name',
  'given_name',
  'family_name',
  'nickname',
  'email.domain',
]);

export const DEFAULT_FIELDS = ['email', 'name', 'given_name', 'family_name', 'nickname', 'username', 'user_id', 'phone_number'] as const;

const ALL: SearchQuery = { kind: 'all' };

export function parseSearchQuery(q: string, options: ParseOptions = {}): SearchQuery {
  return new Parser(q, options.defaultOperator ?? 'OR').parse();
}

export function matchesSearchQuery(query: SearchQuery, user: Record<string, unknown>): boolean {
  switch (query.kind) {
    case 'all':
      return true;
    case 'and':
      return query.clauses.every((clause) => matchesSearchQuery(clause, user));
    case 'or':
      return query.clauses.some((clause) => matchesSearchQuery(clause, user));
    case 'not':
      return !matchesSearchQuery(query.clause, user);
    case 'term':
      return onFields(query.field, query.path, user, (field, leaf) => termMatches(field, leaf, query.value));
    case 'terms': {
      const value = valueAt(user, query.field, query.path);
      // Fast path for the batch lookup `user_id:("a" OR "b" ...)`: a top-level string field.
      if (typeof value === 'string' && query.path.length === startIndex(query.field)) {
        return termsMatch(query.field, value, query.values);
      }
      return someLeaf(value, query.path, startIndex(query.field), (leaf) => termsMatch(query.field, leaf, query.values));
    }
    case 'wildcard':
      return onFields(query.field, query.path, user, (field, leaf) => {
        if (!isScalar(leaf)) return false;
        const regex = query.field === null && CASE_INSENSITIVE_FIELDS.has(field) ? query.lowerRegex : query.regex;
        return regex.test(fold(field, String(leaf)));
      });
    case 'exists':
      return someLeaf(valueAt(user, query.field, query.path), query.path, startIndex(query.field), isIndexed);
    case 'range':
      return someLeaf(valueAt(user, query.field, query.path), query.path, startIndex(query.field), (leaf) =>
        inRange(query, leaf),
      );
  }
}

/**
 * The finite set of values `field` must take for `query` to match, when the query says so at its top
 * level (a term, an OR group, or either inside a top-level AND); null otherwise. Lets the emulator
 * look users up by id instead of scanning the whole store for `user_id:("a" OR "b" ...)`.
 */
export function requiredValues(query: SearchQuery, field: string): ReadonlySet<string> | null {
  if (query.kind === 'term' && query.field === field) return new Set([query.value]);
  if (query.kind === 'terms' && query.field === field) return query.values;
  if (query.kind === 'and') {
    for (const clause of query.clauses) {
      const values = requiredValues(clause, field);
      if (values) return values;
    }
  }
  if (query.kind === 'or' && query.clauses.length > 0) {
    const union = new Set<string>();
    for (const clause of query.clauses) {
      const values = requiredValues(clause, field);
      if (!values) return null;
      for (const value of values) union.add(value);
    }
    return union;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Parsing

type Unquoted = { parts: string[] };

class Parser {
  private pos = 0;
  private readonly src: string;
  private readonly defaultOperator: 'AND' | 'OR';

  constructor(src: string, defaultOperator: 'AND' | 'OR') {
    this.src = src;
    this.defaultOperator = defaultOperator;
  }

  parse(): SearchQuery {
    this.skipSpace();
    if (this.atEnd()) return ALL;
    const query = this.parseOr(null);
    this.skipSpace();
    if (!this.atEnd()) throw this.error(`unexpected '${this.src[this.pos]}'`);
    return query;
  }

  private parseOr(field: string | null): SearchQuery {
    const clauses = [this.parseAnd(field)];
    for (;;) {
      this.skipSpace();
      if (this.atEnd() || this.src[this.pos] === ')') break;
      if (this.operator('OR', '||')) clauses.push(this.parseAnd(field));
      else if (this.defaultOperator === 'OR') clauses.push(this.parseAnd(field));
      else break;
    }
    return clauses.length === 1 ? clauses[0]! : makeOr(clauses);
  }

  private parseAnd(field: string | null): SearchQuery {
    const clauses = [this.parseUnary(field)];
    for (;;) {
      this.skipSpace();
      if (this.atEnd() || this.src[this.pos] === ')') break;
      if (this.operator('AND', '&&')) clauses.push(this.parseUnary(field));
      else if (this.peekOperator('OR', '||')) break;
      else if (this.defaultOperator === 'AND') clauses.push(this.parseUnary(field));
      else break;
    }
    return clauses.length === 1 ? clauses[0]! : { kind: 'and', clauses: clauses.flatMap((c) => (c.kind === 'and' ? c.clauses : [c])) };
  }

  private parseUnary(field: string | null): SearchQuery {
    this.skipSpace();
    if (this.operator('NOT', '!')) return { kind: 'not', clause: this.parseUnary(field) };
    // Lucene's prefix forms: `-field:x` excludes; `+field:x` is treated as a plain clause.
    const c = this.src[this.pos];
    const next = this.src[this.pos + 1];
    if ((c === '-' || c === '+') && next !== undefined && !/\s/.test(next)) {
      this.pos += 1;
      const clause = this.parsePrimary(field);
      return c === '-' ? { kind: 'not', clause } : clause;
    }
    return this.parsePrimary(field);
  }

  private parsePrimary(field: string | null): SearchQuery {
    this.skipSpace();
    if (this.atEnd()) throw this.error('expected a term');
    const c = this.src[this.pos];
    if (c === ')') throw this.error("unexpected ')'");
    if (c === '(') return this.group(field);
    if (c === '"') return termNode(field, this.quoted());
    if (c === '[' || c === '{') {
      if (field === null) throw this.error('a range needs a field');
      return this.range(field);
    }

    if (this.peekOperator('AND', '&&') || this.peekOperator('OR', '||')) throw this.error('unexpected operator');
    const start = this.pos;
    const word = this.unquoted(true);
    if (this.src[this.pos] === ':') {
      if (word.parts.length !== 1 || word.parts[0] === '') throw this.errorAt(start, 'invalid field name');
      this.pos += 1;
      return this.fieldValue(word.parts[0]!);
    }
    return valueNode(field, word, this.src.slice(start, this.pos));
  }

  private fieldValue(field: string): SearchQuery {
    this.skipSpace();
    if (this.atEnd()) throw this.error(`expected a value for field '${field}'`);
    const c = this.src[this.pos];
    if (c === '(') return this.group(field);
    if (c === '"') return termNode(field, this.quoted());
    if (c === '[' || c === '{') return this.range(field);
    const start = this.pos;
    const word = this.unquoted(false);
    if (this.pos === start) throw this.error(`expected a value for field '${field}'`);
    return valueNode(field, word, this.src.slice(start, this.pos));
  }

  private group(field: string | null): SearchQuery {
    const open = this.pos;
    this.pos += 1;
    this.skipSpace();
    if (this.src[this.pos] === ')') throw this.errorAt(open, 'empty group');
    const inner = this.parseOr(field);
    this.skipSpace();
    if (this.src[this.pos] !== ')') throw this.errorAt(open, "unbalanced '(': expected ')'");
    this.pos += 1;
    return inner;
  }

  private range(field: string): SearchQuery {
    if (isUserMetadata(field)) throw new SearchQueryError(`range searches are not available on user_metadata fields ('${field}')`);
    const includeLower = this.src[this.pos] === '[';
    this.pos += 1;
    this.skipSpace();
    const lower = this.rangeBound();
    this.skipSpace();
    if (!this.src.startsWith('TO', this.pos)) throw this.error("expected 'TO' in range");
    this.pos += 2;
    this.skipSpace();
    const upper = this.rangeBound();
    this.skipSpace();
    const close = this.src[this.pos];
    if (close !== ']' && close !== '}') throw this.error("expected ']' or '}' to close the range");
    this.pos += 1;
    return {
      kind: 'range',
      field,
      path: pathOf(field),
      lower,
      upper,
      includeLower,
      includeUpper: close === ']',
    };
  }

  /** A range bound: quoted, or up to whitespace / closing bracket. `*` is open-ended (null). */
  private rangeBound(): string | null {
    if (this.src[this.pos] === '"') return this.quoted();
    let value = '';
    while (!this.atEnd()) {
      const c = this.src[this.pos]!;
      if (/\s/.test(c) || c === ']' || c === '}') break;
      if (c === '\\') {
        value += this.escaped();
        continue;
      }
      value += c;
      this.pos += 1;
    }
    if (value === '') throw this.error('expected a range bound');
    return value === '*' ? null : value;
  }

  private quoted(): string {
    const open = this.pos;
    this.pos += 1;
    let value = '';
    while (!this.atEnd()) {
      const c = this.src[this.pos]!;
      if (c === '"') {
        this.pos += 1;
        return value;
      }
      if (c === '\\') {
        value += this.escaped();
        continue;
      }
      value += c;
      this.pos += 1;
    }
    throw this.errorAt(open, 'unterminated quoted value');
  }

  /**
   * An unquoted word, split at unescaped `*`. Stops at whitespace and parentheses; when reading a
   * possible field name it also stops at ':'. A value may contain ':' (`created_at:2021-01-01T10:00`).
   */
  private unquoted(stopAtColon: boolean): Unquoted {
    const parts = [''];
    while (!this.atEnd()) {
      const c = this.src[this.pos]!;
      if (/\s/.test(c) || c === '(' || c === ')' || c === '"' || (stopAtColon && c === ':')) break;
      if (c === '\\') {
        parts[parts.length - 1] += this.escaped();
        continue;
      }
      if (c === '*') parts.push('');
      else parts[parts.length - 1] += c;
      this.pos += 1;
    }
    return { parts };
  }

  private escaped(): string {
    const next = this.src[this.pos + 1];
    if (next === undefined) throw this.error('dangling escape character');
    this.pos += 2;
    return next;
  }

  /** Consumes an operator word (must be upper case, followed by a separator) or its symbol. */
  private operator(word: string, symbol: string): boolean {
    const length = this.operatorLength(word, symbol);
    if (length === 0) return false;
    this.pos += length;
    return true;
  }

  private peekOperator(word: string, symbol: string): boolean {
    return this.operatorLength(word, symbol) > 0;
  }

  private operatorLength(word: string, symbol: string): number {
    if (this.src.startsWith(symbol, this.pos)) return symbol.length;
    if (!this.src.startsWith(word, this.pos)) return 0;
    const after = this.src[this.pos + word.length];
    return after === undefined || /\s/.test(after) || after === '(' || after === '"' ? word.length : 0;
  }

  private skipSpace(): void {
    while (!this.atEnd() && /\s/.test(this.src[this.pos]!)) this.pos += 1;
  }

  private atEnd(): boolean {
    return this.pos >= this.src.length;
  }

  private error(message: string): SearchQueryError {
    return this.errorAt(this.pos, message);
  }

  private errorAt(position: number, message: string): SearchQueryError {
    // The emulator wraps this in "Query validation error: '...'"; the query itself is not echoed
    // because a 100-id batch would drown the message.
    return new SearchQueryError(`Invalid query: ${message} at position ${position}`);
  }
}

function termNode(field: string | null, value: string): SearchQuery {
  if (field === '_exists_') return existsNode(value);
  if (field === null) return { kind: 'term', field, path: [], value };
  return { kind: 'term', field, path: pathOf(field), value: fold(field, value) };
}

function valueNode(field: string | null, word: Unquoted, raw: string): SearchQuery {
  if (word.parts.length === 1) return termNode(field, word.parts[0]!);
  if (field === '_exists_') throw new SearchQueryError(`_exists_ takes a field name, not a pattern ('${raw}')`);
  if (word.parts.every((part) => part === '')) return field === null ? ALL : existsNode(field);
  if (field !== null && isUserMetadata(field)) {
    throw new SearchQueryError(`wildcard searches are not available on user_metadata fields ('${field}:${raw}')`);
  }
  if (word.parts[0] === '') {
    const literal = word.parts.join('').length;
    if (literal < 3) {
      throw new SearchQueryError(`a wildcard at the start of a term needs at least 3 other characters ('${raw}')`);
    }
  }
  const parts = word.parts.map((part) => (field === null ? part : fold(field, part)));
  return {
    kind: 'wildcard',
    field,
    path: field === null ? [] : pathOf(field),
    pattern: parts.join('*'),
    regex: wildcardRegExp(parts),
    lowerRegex: wildcardRegExp(parts.map((part) => part.toLowerCase())),
  };
}

function wildcardRegExp(parts: string[]): RegExp {
  return new RegExp(`^${parts.map(escapeRegExp).join('[\\s\\S]*')}$`);
}

function existsNode(field: string): SearchQuery {
  if (field === '') throw new SearchQueryError('_exists_ needs a field name');
  return { kind: 'exists', field, path: pathOf(field) };
}

function makeOr(clauses: SearchQuery[]): SearchQuery {
  const flat = clauses.flatMap((c) => (c.kind === 'or' ? c.clauses : [c]));
  // Merge exact terms on the same field into one Set lookup.
  const byField = new Map<string, { path: string[]; values: Set<string> }>();
  const rest: SearchQuery[] = [];
  for (const clause of flat) {
    const field = clause.kind === 'term' || clause.kind === 'terms' ? clause.field : null;
    if (field === null || (clause.kind !== 'term' && clause.kind !== 'terms')) {
      rest.push(clause);
      continue;
    }
    let entry = byField.get(field);
    if (!entry) {
      entry = { path: clause.path, values: new Set() };
      byField.set(field, entry);
    }
    if (clause.kind === 'term') entry.values.add(clause.value);
    else for (const value of clause.values) entry.values.add(value);
  }
  const merged: SearchQuery[] = [...byField].map(([field, { path, values }]) => ({ kind: 'terms', field, path, values }));
  const all = [...merged, ...rest];
  return all.length === 1 ? all[0]! : { kind: 'or', clauses: all };
}

// ---------------------------------------------------------------------------------------------
// Matching

function isUserMetadata(field: string): boolean {
  return field === 'user_metadata' || field.startsWith('user_metadata.');
}

function pathOf(field: string): string[] {
  return field.split('.');
}

function fold(field: string, value: string): string {
  return CASE_INSENSITIVE_FIELDS.has(field) ? value.toLowerCase() : value;
}

function isScalar(value: unknown): value is string | number | boolean {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

/** Empty objects (and empty arrays and null, which never reach here) are not indexed by Auth0. */
function isIndexed(value: unknown): boolean {
  return typeof value !== 'object' || value === null || Object.keys(value).length > 0;
}

// `email.domain` is a derived field; everything else is a path into the profile.
function valueAt(user: Record<string, unknown>, field: string, path: readonly string[]): unknown {
  if (field === 'email.domain') {
    const email = user['email'];
    if (typeof email !== 'string') return undefined;
    const at = email.lastIndexOf('@');
    return at < 0 ? undefined : email.slice(at + 1);
  }
  return Object.hasOwn(user, path[0]!) ? user[path[0]!] : undefined;
}

function startIndex(field: string): number {
  return field === 'email.domain' ? 2 : 1;
}

/** Walks `path` from index `i`, fanning out over arrays, and tests each leaf found. */
function someLeaf(value: unknown, path: readonly string[], i: number, test: (leaf: unknown) => boolean): boolean {
  if (Array.isArray(value)) {
    for (const item of value) if (someLeaf(item, path, i, test)) return true;
    return false;
  }
  if (value === undefined || value === null) return false;
  if (i >= path.length) return test(value);
  if (typeof value !== 'object') return false;
  const key = path[i]!;
  return someLeaf(Object.hasOwn(value, key) ? (value as Record<string, unknown>)[key] : undefined, path, i + 1, test);
}

function onFields(
  field: string | null,
  path: readonly string[],
  user: Record<string, unknown>,
  test: (field: string, leaf: unknown) => boolean,
): boolean {
  if (field !== null) return someLeaf(valueAt(user, field, path), path, startIndex(field), (leaf) => test(field, leaf));
  return DEFAULT_FIELDS.some((name) => someLeaf(user[name], [name], 1, (leaf) => test(name, leaf)));
}

function termMatches(field: string, leaf: unknown, value: string): boolean {
  if (!isScalar(leaf)) return false;
  const folded = fold(field, value);
  if (typeof leaf === 'number') return value.trim() !== '' && Number(value) === leaf;
  if (typeof leaf === 'string' && isDateLike(leaf)) {
    const instant = Date.parse(leaf);
    const from = dateBound(value, false);
    const to = dateBound(value, true);
    if (from !== null && to !== null) return instant >= from && instant <= to;
  }
  return fold(field, String(leaf)) === folded;
}

function termsMatch(field: string, leaf: unknown, values: ReadonlySet<string>): boolean {
  if (!isScalar(leaf)) return false;
  if (values.has(fold(field, String(leaf)))) return true;
  // Dates and numbers match by value, not spelling (`created_at:("2021" OR "2022")`).
  if (typeof leaf === 'number' || (typeof leaf === 'string' && DATE_START.test(leaf) && isDateLike(leaf))) {
    for (const value of values) if (termMatches(field, leaf, value)) return true;
  }
  return false;
}

function inRange(query: Extract<SearchQuery, { kind: 'range' }>, leaf: unknown): boolean {
  const { lower, upper, includeLower, includeUpper, field } = query;
  if (typeof leaf === 'number') {
    const lo = lower === null ? -Infinity : Number(lower);
    const hi = upper === null ? Infinity : Number(upper);
    if (Number.isNaN(lo) || Number.isNaN(hi)) return false;
    return (includeLower ? leaf >= lo : leaf > lo) && (includeUpper ? leaf <= hi : leaf < hi);
  }
  if (typeof leaf !== 'string') return false;
  if (isDateLike(leaf)) {
    const instant = Date.parse(leaf);
    // Inclusive bounds round outward, exclusive ones inward, as Elasticsearch does for dates.
    const lo = lower === null ? -Infinity : dateBound(lower, !includeLower);
    const hi = upper === null ? Infinity : dateBound(upper, includeUpper);
    if (lo !== null && hi !== null) {
      return (includeLower ? instant >= lo : instant > lo) && (includeUpper ? instant <= hi : instant < hi);
    }
  }
  const value = fold(field, leaf);
  const lo = lower === null ? null : fold(field, lower);
  const hi = upper === null ? null : fold(field, upper);
  return (
    (lo === null || (includeLower ? value >= lo : value > lo)) && (hi === null || (includeUpper ? value <= hi : value < hi))
  );
}

const DATE_START = /^\d{4}-/;
const DATE_LIKE = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;
const DATE_BOUND =
  /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:[T ](\d{2})(?::(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?)?)?)?)?(Z|[+-]\d{2}:?\d{2})?$/;

function isDateLike(value: string): boolean {
  return DATE_LIKE.test(value) && !Number.isNaN(Date.parse(value));
}

/** First (or, with roundUp, last) millisecond of the unit a possibly partial ISO date names; null if not a date. */
function dateBound(value: string, roundUp: boolean): number | null {
  const m = DATE_BOUND.exec(value);
  if (!m) return null;
  const [, y, mo, d, h, mi, s, ms, zone] = m;
  const parts = [Number(y), mo ? Number(mo) - 1 : 0, d ? Number(d) : 1, Number(h ?? 0), Number(mi ?? 0), Number(s ?? 0), ms ? Number(ms.padEnd(3, '0')) : 0];
  const start = Date.UTC(parts[0]!, parts[1]!, parts[2]!, parts[3]!, parts[4]!, parts[5]!, parts[6]!);
  let end = start;
  if (roundUp) {
    const next = [...parts];
    const unit = ms ? 6 : s ? 5 : mi ? 4 : h ? 3 : d ? 2 : mo ? 1 : 0;
    next[unit] = next[unit]! + 1;
    end = Date.UTC(next[0]!, next[1]!, next[2]!, next[3]!, next[4]!, next[5]!, next[6]!) - 1;
  }
  const offset = zone && zone !== 'Z' ? zoneOffsetMs(zone) : 0;
  return (roundUp ? end : start) - offset;
}

function zoneOffsetMs(zone: string): number {
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4))) * 60_000;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
