/**
 * The part of ICU MessageFormat our messages use, for the browser: `{name}`, `{n, number}`,
 * `{n, plural, =0 {…} one {# …} other {…}}` (with `offset:`), `{x, select, a {…} other {…}}` and the
 * apostrophe quoting (`''`, `'{…}'`). It formats exactly as next-intl (intl-messageformat) does —
 * `icu.test.ts` checks every message of both locales against it — without shipping next-intl's
 * client runtime to the browser. No imports: safe for client components.
 */

type Node =
  | string
  | { kind: 'arg'; name: string }
  | { kind: 'number'; name: string }
  | { kind: 'pound' }
  | { kind: 'plural'; name: string; offset: number; ordinal: boolean; options: Record<string, Node[]> }
  | { kind: 'select'; name: string; options: Record<string, Node[]> };

export type MessageValues = Record<string, string | number | bigint | boolean | Date | null | undefined>;

class Parser {
  private i = 0;
  constructor(private readonly src: string) {}

  parse(): Node[] {
    const nodes = this.nodes(false);
    if (this.i < this.src.length) throw new SyntaxError(`Unexpected "${this.src[this.i]}" at ${this.i}`);
    return nodes;
  }

  /** Text and arguments up to an unmatched `}` (inside a plural or select option) or the end. */
  private nodes(inPlural: boolean): Node[] {
    const out: Node[] = [];
    let text = '';
    const flush = () => {
      if (text) out.push(text);
      text = '';
    };
    const s = this.src;
    while (this.i < s.length) {
      const c = s[this.i];
      if (c === '}') break;
      if (c === '{') {
        flush();
        out.push(this.argument());
        continue;
      }
      if (c === '#' && inPlural) {
        flush();
        out.push({ kind: 'pound' });
        this.i++;
        continue;
      }
      if (c === "'") {
        const next = s[this.i + 1];
        if (next === "'") {
          text += "'";
          this.i += 2;
          continue;
        }
        if (next === '{' || next === '}' || (inPlural && next === '#')) {
          // Quoted literal up to the next lone apostrophe ('' inside stays one apostrophe).
          this.i++;
          while (this.i < s.length) {
            if (s[this.i] === "'") {
              if (s[this.i + 1] === "'") {
                text += "'";
                this.i += 2;
                continue;
              }
              this.i++;
              break;
            }
            text += s[this.i++];
          }
          continue;
        }
      }
      text += c;
      this.i++;
    }
    flush();
    return out;
  }

  private space() {
    while (this.i < this.src.length && /\s/.test(this.src[this.i])) this.i++;
  }

  private word(): string {
    this.space();
    const start = this.i;
    while (this.i < this.src.length && !/[\s,{}]/.test(this.src[this.i])) this.i++;
    return this.src.slice(start, this.i);
  }

  private expect(c: string) {
    this.space();
    if (this.src[this.i] !== c) throw new SyntaxError(`Expected "${c}" at ${this.i} in "${this.src}"`);
    this.i++;
  }

  private argument(): Node {
    this.expect('{');
    const name = this.word();
    if (!name) throw new SyntaxError(`Empty argument at ${this.i} in "${this.src}"`);
    this.space();
    if (this.src[this.i] === '}') {
      this.i++;
      return { kind: 'arg', name };
    }
    this.expect(',');
    const type = this.word();
    if (type === 'number') {
      this.expect('}');
      return { kind: 'number', name };
    }
    if (type !== 'plural' && type !== 'selectordinal' && type !== 'select') throw new SyntaxError(`Unsupported argument type "${type}" in "${this.src}"`);
    this.expect(',');
    let offset = 0;
    const options: Record<string, Node[]> = {};
    for (;;) {
      this.space();
      if (this.src[this.i] === '}') {
        this.i++;
        break;
      }
      const key = this.word();
      if (key.startsWith('offset:')) {
        offset = Number(key.slice('offset:'.length));
        continue;
      }
      if (!key) throw new SyntaxError(`Expected an option at ${this.i} in "${this.src}"`);
      this.expect('{');
      options[key] = this.nodes(type !== 'select');
      this.expect('}');
    }
    if (!options.other) throw new SyntaxError(`Argument "${name}" has no "other" option in "${this.src}"`);
    return type === 'select' ? { kind: 'select', name, options } : { kind: 'plural', name, offset, ordinal: type === 'selectordinal', options };
  }
}

const parsed = new Map<string, Node[]>();
const numberFormats = new Map<string, Intl.NumberFormat>();
const pluralRules = new Map<string, Intl.PluralRules>();

function numberFormat(locale: string): Intl.NumberFormat {
  let f = numberFormats.get(locale);
  if (!f) numberFormats.set(locale, (f = new Intl.NumberFormat(locale)));
  return f;
}

function rules(locale: string, ordinal: boolean): Intl.PluralRules {
  const key = `${locale}|${ordinal}`;
  let r = pluralRules.get(key);
  if (!r) pluralRules.set(key, (r = new Intl.PluralRules(locale, { type: ordinal ? 'ordinal' : 'cardinal' })));
  return r;
}

function render(nodes: Node[], locale: string, values: MessageValues, pound: number | undefined): string {
  let out = '';
  for (const node of nodes) {
    if (typeof node === 'string') {
      out += node;
      continue;
    }
    if (node.kind === 'pound') {
      if (pound !== undefined) out += numberFormat(locale).format(pound);
      continue;
    }
    if (!(node.name in values)) throw new Error(`The message has no value for "${node.name}"`);
    const value = values[node.name];
    if (node.kind === 'arg') out += typeof value === 'string' || typeof value === 'number' || typeof value === 'bigint' ? String(value) : '';
    else if (node.kind === 'number') out += numberFormat(locale).format(value as number);
    else if (node.kind === 'select') out += render(Object.hasOwn(node.options, String(value)) ? node.options[String(value)] : node.options.other, locale, values, undefined);
    else {
      const n = Number(value);
      const exact = `=${String(value)}`;
      const option = Object.hasOwn(node.options, exact)
        ? node.options[exact]
        : (node.options[rules(locale, node.ordinal).select(n - node.offset)] ?? node.options.other);
      out += render(option, locale, values, n - node.offset);
    }
  }
  return out;
}

/** Formats one ICU message in `locale` with `values`; throws on a syntax error or a missing value. */
export function formatMessage(message: string, locale: string, values: MessageValues = {}): string {
  let nodes = parsed.get(message);
  if (!nodes) parsed.set(message, (nodes = new Parser(message).parse()));
  return render(nodes, locale, values, undefined);
}
