// The SCIM filter subset we serve (RFC 7644 §3.4.2.2): `eq` comparisons joined by `and`/`or`, with
// parentheses, on paths like `userName`, `emails.value`, `emails[type eq "work"].value`. Hand-written:
// scim2-parse-filter rejects the unquoted values Entra's documentation sends (`externalId eq jyoung`)
// and folds `emails[type eq "work"].value` into two unrelated conditions.
import { ScimError } from './scim-errors.ts';

/** An attribute path, names lower-cased, the core schema's URN prefix removed. */
export interface AttributePath {
  attribute: string;
  /** `emails[type eq "work"]`: the one value filter we accept inside brackets. */
  valueFilter?: { attribute: string; value: FilterValue };
  subAttribute?: string;
}

export type FilterValue = string | number | boolean | null;

export type Filter =
  | { kind: 'eq'; path: AttributePath; value: FilterValue }
  | { kind: 'and' | 'or'; left: Filter; right: Filter };

const CORE_PREFIXES = ['urn:ietf:params:scim:schemas:core:2.0:user:', 'urn:ietf:params:scim:schemas:core:2.0:group:'];
const MAX_FILTER_LENGTH = 1000;

export function parseFilter(text: string): Filter {
  if (text.length > MAX_FILTER_LENGTH) throw invalid(`the filter is longer than ${MAX_FILTER_LENGTH} characters`);
  const parser = new Parser(text);
  const filter = parser.orExpression();
  parser.skipSpaces();
  if (!parser.done()) throw invalid('unexpected text after the filter');
  return filter;
}

function invalid(reason: string): ScimError {
  return new ScimError(400, `Unsupported or malformed filter: ${reason}. Supported: eq on the listed attributes, joined by and/or (docs/scim.md)`, 'invalidFilter');
}

class Parser {
  private at = 0;
  private depth = 0;
  constructor(private readonly text: string) {}

  done(): boolean {
    return this.at >= this.text.length;
  }

  skipSpaces(): void {
    while (!this.done() && /\s/.test(this.text[this.at]!)) this.at += 1;
  }

  orExpression(): Filter {
    let left = this.andExpression();
    while (this.keyword('or')) left = { kind: 'or', left, right: this.andExpression() };
    return left;
  }

  private andExpression(): Filter {
    let left = this.atom();
    while (this.keyword('and')) left = { kind: 'and', left, right: this.atom() };
    return left;
  }

  private atom(): Filter {
    this.skipSpaces();
    if (this.text[this.at] === '(') {
      if (++this.depth > 10) throw invalid('too deeply nested');
      this.at += 1;
      const inner = this.orExpression();
      this.skipSpaces();
      if (this.text[this.at] !== ')') throw invalid('a parenthesis is not closed');
      this.at += 1;
      this.depth -= 1;
      return inner;
    }
    if (this.keyword('not')) throw invalid('"not" is not supported');
    const path = this.attributePath();
    const operator = this.word().toLowerCase();
    if (operator !== 'eq') throw invalid(operator ? `operator "${operator}" is not supported` : 'an operator is missing');
    return { kind: 'eq', path, value: this.value() };
  }

  private attributePath(): AttributePath {
    this.skipSpaces();
    const raw = /^[A-Za-z][\w:.$-]*/.exec(this.text.slice(this.at))?.[0];
    if (!raw) throw invalid('an attribute name is expected');
    this.at += raw.length;
    const named = stripCorePrefix(raw.toLowerCase());
    if (this.text[this.at] !== '[') {
      const [attribute, subAttribute, extra] = named.split('.');
      if (extra !== undefined) throw invalid('attribute paths have at most one sub-attribute');
      return { attribute: attribute!, ...(subAttribute ? { subAttribute } : {}) };
    }
    this.at += 1;
    const inner = this.attributePath();
    if (inner.valueFilter || inner.subAttribute) throw invalid('only a plain comparison is supported inside brackets');
    if (this.word().toLowerCase() !== 'eq') throw invalid('only eq is supported inside brackets');
    const value = this.value();
    this.skipSpaces();
    if (this.text[this.at] !== ']') throw invalid('a bracket is not closed');
    this.at += 1;
    const sub = /^\.([A-Za-z]\w*)/.exec(this.text.slice(this.at))?.[1];
    if (sub) this.at += sub.length + 1;
    return { attribute: named, valueFilter: { attribute: inner.attribute, value }, ...(sub ? { subAttribute: sub.toLowerCase() } : {}) };
  }

  /** A JSON string, true/false/null, a number, or (as Entra sends) an unquoted word. */
  private value(): FilterValue {
    this.skipSpaces();
    if (this.text[this.at] === '"') {
      const quoted = /^"(?:[^"\\]|\\.)*"/.exec(this.text.slice(this.at))?.[0];
      if (!quoted) throw invalid('a quoted value is not closed');
      this.at += quoted.length;
      try {
        return JSON.parse(quoted) as string;
      } catch {
        throw invalid('a quoted value has a bad escape');
      }
    }
    const word = this.word();
    if (word === '') throw invalid('a value is expected');
    if (word === 'true' || word === 'false') return word === 'true';
    if (word === 'null') return null;
    return word;
  }

  private word(): string {
    this.skipSpaces();
    const word = /^[^\s()[\]"]+/.exec(this.text.slice(this.at))?.[0] ?? '';
    this.at += word.length;
    return word;
  }

  private keyword(name: string): boolean {
    this.skipSpaces();
    const match = new RegExp(`^${name}(?=[\\s(])`, 'i').exec(this.text.slice(this.at));
    if (!match) return false;
    this.at += match[0].length;
    return true;
  }
}

function stripCorePrefix(name: string): string {
  const prefix = CORE_PREFIXES.find((candidate) => name.startsWith(candidate));
  return prefix ? name.slice(prefix.length) : name;
}
