/**
 * XLSForm expressions (the XPath subset real forms use in `relevant` and `constraint`) to the
 * engine's `Condition` data, and back. Pure: a small tokenizer and a recursive-descent parser,
 * never `eval`. Used by the XLSForm importer and exporter (import.ts, export.ts).
 *
 * Understood: `${name}`, `.` (the question itself), '…' and "…" literals, numbers, `= != < <= > >=`,
 * `and`, `or`, `not()`, parentheses, `selected()`, `count-selected()`, `string-length()`,
 * `regex()` (constraints), `today()` and `date('YYYY-MM-DD')` (date bounds of a constraint),
 * `true()`/`false()`, `concat()` of literals, and `+ - * div mod` folded when every operand is a
 * constant. Everything else is refused with a message in both languages that quotes the part of
 * the expression and gives its character position (1-based, counted in characters).
 * Precedence: or < and < comparison < additive < multiplicative < unary minus < primary; a
 * comparison of a comparison (`a = b = c`) is refused. Input is bounded to 10,000 characters and
 * 100 levels of parentheses and function calls.
 *
 * Meaning is kept exact, as XPath reads the expression on ODK values (an unanswered question is
 * the empty text, a multiple choice the selected codes separated by spaces):
 * - `${q} = v` is `{q, equals: v}`; `${q} = ''` is `{q, answered: false}` and `${q} != ''`
 *   `{q, answered: true}`, as are `count-selected(${q})` / `string-length(${q})` `> 0` (`>= 1`,
 *   `!= 0`) and `= 0` (`< 1`, `<= 0`).
 * - `${q} != v` is `{not: {q, equals: v}}`, NOT `{q, notEquals: v}`: XPath's `!=` holds when `q`
 *   is unanswered, the engine's `notEquals` does not. `notEquals` prints as
 *   `${q} != v and ${q} != ''`, and an `and` of exactly those two comparisons (in that order, on
 *   the same question, v not '') is read back as `notEquals`.
 * - `selected(${q}, 'v')` is `{q, includes: 'v'}` on a multiple choice and `{q, equals: 'v'}` on a
 *   single choice, a matrix row or a date (a date has no spaces, so XPath's word test is equality).
 *   `selected()` on a number or text question is refused (XPath tests the words of a text).
 * - A number literal stays a number (`${age} = 5` → equals 5); on a number question a numeric text
 *   ('5') is read as the number, as XPath compares it. `< <= > >=` apply to number questions only.
 * - `and` / `or` chains become one `all` / `any` (`a and b and c` → all of three); parentheses keep
 *   their group (`(a and b) and c` → all of [all of two, c]), so nesting survives a round trip.
 *
 * Normal forms (printing then parsing gives back the condition, after these rewrites):
 * - `oneOf` prints as an `or` of memberships, a text value as `selected(${q}, 'v')` and a number or
 *   boolean as `${q} = v`: `selected()` is exact on every choice question, single or multiple,
 *   which is what the engine's `oneOf` means (a multiple answer holding any of the values). An `or`
 *   (two branches or more) whose every branch is an `equals` or an `includes` on the same question
 *   and row reads back as `oneOf` of those values in order, so `{any: [equals…]}` and
 *   `{any: [includes…]}` on one question come back as `oneOf`, with the same meaning; except on a
 *   text or long text question, where they stay `any`. A `oneOf` of one value prints as that
 *   membership and comes back as `equals` (`includes` on a multiple choice).
 *   `oneOf` on a text question has no exact printing without the question's type (XPath's
 *   `selected()` tests the words of a text, and is refused on one when read back): write such a
 *   condition as `any` of `equals`, which prints and reads back exactly.
 * - `all` / `any` of one condition print as that condition and come back as it.
 * - `equals: ''` never holds: it prints as `${q} = '' and ${q} != ''` and comes back as `all` of
 *   `answered: false` and `answered: true`. `notEquals: ''` means answered: it prints as
 *   `not(${q} = '')` and comes back as `{not: {q, answered: false}}`.
 * - `equals: true` / `false` print as `${q} = true()` / `false()` and come back as booleans (the
 *   engine compares them with the text "true"/"false"; XPath reads `= true()` as "not empty", and
 *   no XLSForm question type answers a boolean).
 * - Numbers print in plain decimal (no exponent; -0 as `-0`), texts in '…', in "…" when they
 *   contain ', and as `concat()` when they contain both.
 * - A literal on the left (`'1' = ${q}`, `5 < ${age}`) is read as the comparison turned around.
 *
 * Constraints (`constraintToRules`): the top-level `and` chain is split into conjuncts (groups in
 * parentheses inside it are not split; parentheses around the whole expression change nothing).
 * A conjunct on `.` that a question setting expresses becomes that setting; the others (on `.`, read as `ctx.self`, or on other questions) make `condition`, one
 * conjunct as itself and several as `all`. `${name}` of the question itself is an ordinary
 * reference, not `.`: it never becomes a setting. A constraint whose top is `or` (or `not`) is a
 * condition. Settings, all on `.` of the right type, the tighter bound kept when repeated:
 * - integer: `. >= n` → min ⌈n⌉, `. > n` → min ⌊n⌋+1, `. <= n` → max ⌊n⌋, `. < n` → max ⌈n⌉−1;
 *   decimal: `>=` / `<=` only (a strict bound stays a condition).
 * - date: `. >= date('d')` → minDate d, `. > date('d')` → the day after; `<=` / `<` likewise;
 *   `. >= today()` / `. <= today()` → 'today' (a strict bound on today is refused; the engine has
 *   no "yesterday"). A date written as plain text is refused (XPath does not compare it as a date).
 * - text and long text: `string-length(.) <= n` → maxLength (`< n` → n−1).
 * - text: `regex(., 'p')` → pattern, made whole-answer as the engine applies it (`^(?:P)$`, flag u):
 *   XPath's regex() finds p anywhere, so P is `[\s\S]*(?:p)[\s\S]*`, exact in every case (without
 *   the m flag `^` and `$` inside p still mean the ends of the answer). When p starts with `^` or
 *   ends with an unescaped `$` and has no `|` outside groups, that anchor is taken off instead of
 *   adding `[\s\S]*` (`^\d{5}$` → `\d{5}`). A p or P that does not compile with the u flag is
 *   refused. One regex() per constraint.
 * - multiple: `count-selected(.) >= n` → minSelected (`> n` → n+1), `<= n` → maxSelected
 *   (`< n` → n−1), `= n` → both. A minimum of 0 or less always holds for an answer and is dropped.
 * The engine checks constraints and settings on an answered question only, as XPath does, so a
 * setting means what its conjunct meant; but a refused answer shows the engine's own message (e.g.
 * "the smallest allowed value is 18") unless the importer gives the setting the constraint's (a
 * pattern's patternMessage, a length, number-of-choices or date limit's limitMessage; a number's
 * bounds with a message stay a condition), and the engine does not apply minSelected when an
 * exclusive option ("don't know") is chosen.
 */
import type { Condition, QuestionType, Text } from '../types';

/** What a name written `${name}` in an expression stands for: a question, or one row of a matrix. */
export interface NameRef {
  q: string;
  row?: string;
  type: QuestionType;
}
export interface ExprContext {
  /** The question or matrix row named `name`; undefined when the form has no such name. */
  resolve(name: string): NameRef | undefined;
  /** The question the expression belongs to, which `.` stands for (constraints; also allowed in relevant). */
  self?: NameRef;
}
export type ExprResult<T> = { ok: true; value: T } | { ok: false; message: Text };

/** What a `constraint` expression asks, split into the engine's question settings and a condition. */
export interface ConstraintRules {
  condition?: Condition;
  min?: number;
  max?: number;
  minDate?: string;
  maxDate?: string;
  maxLength?: number;
  pattern?: string;
  minSelected?: number;
  maxSelected?: number;
}

/** The longest expression read, in UTF-16 code units. */
const MAX_LENGTH = 10_000;
/** The most parentheses and function calls open at once. */
const MAX_DEPTH = 100;

// ---------------------------------------------------------------------------------------------
// Refusals

interface Span {
  start: number;
  end: number;
}
interface Say {
  en: string;
  vi: string;
}

/** Thrown inside this module only; the exported functions turn it into `{ ok: false }`. */
class Refusal {
  constructor(
    readonly span: Span,
    readonly say: Say,
  ) {}
}

function refuse(span: Span, say: Say): never {
  throw new Refusal(span, say);
}

const QUOTE_CHARS = 40;

function messageOf(expr: string, r: Refusal): Text {
  const position = Array.from(expr.slice(0, r.span.start)).length + 1;
  const part = Array.from(expr.slice(r.span.start, Math.min(Math.max(r.span.start, r.span.end), r.span.start + 4 * QUOTE_CHARS)));
  const quote = part.length > QUOTE_CHARS ? part.slice(0, QUOTE_CHARS - 1).join('') + '…' : part.join('');
  return {
    en: `${r.say.en} (at character ${position} of "${quote}")`,
    vi: `${r.say.vi} (tại ký tự ${position} của "${quote}")`,
  };
}

/** Runs `f`, turning a refusal into its message. */
function attempt<T>(expr: string, f: () => T): ExprResult<T> {
  try {
    return { ok: true, value: f() };
  } catch (e) {
    if (e instanceof Refusal) return { ok: false, message: messageOf(expr, e) };
    throw e;
  }
}

// ---------------------------------------------------------------------------------------------
// Tokens

type Token = Span &
  (
    | { t: 'ref'; name: string }
    | { t: 'self' }
    | { t: 'str'; value: string }
    | { t: 'num'; value: number }
    | { t: 'name'; value: string }
    | { t: 'op'; value: string }
    | { t: 'eof' }
  );

const NAME_START = /[A-Za-z_]/;
const NAME_CHAR = /[A-Za-z0-9_.:-]/;
const DIGIT = /[0-9]/;
const SPACE = /\s/u;

function tokenize(src: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    const start = i;
    if (SPACE.test(c)) {
      i += 1;
      continue;
    }
    if (c === '$') {
      if (src[i + 1] !== '{')
        refuse({ start, end: i + 1 }, { en: '"$" is not followed by "{" (write ${name})', vi: 'sau "$" thiếu "{" (hãy viết ${tên})' });
      const close = src.indexOf('}', i + 2);
      if (close < 0) refuse({ start, end: src.length }, { en: '"${" is not closed with "}"', vi: 'thiếu dấu "}" để đóng "${"' });
      const name = src.slice(i + 2, close);
      if (name === '' || /[\s'"${]/u.test(name))
        refuse({ start, end: close + 1 }, { en: `"\${${name}}" does not hold a valid name`, vi: `"\${${name}}" không chứa một tên hợp lệ` });
      tokens.push({ t: 'ref', name, start, end: close + 1 });
      i = close + 1;
      continue;
    }
    if (c === "'" || c === '"') {
      const close = src.indexOf(c, i + 1);
      if (close < 0)
        refuse({ start, end: src.length }, { en: `the text in quotes is not closed: ${c} is missing`, vi: `chuỗi trong dấu nháy chưa được đóng: thiếu dấu ${c}` });
      tokens.push({ t: 'str', value: src.slice(i + 1, close), start, end: close + 1 });
      i = close + 1;
      continue;
    }
    if (DIGIT.test(c) || (c === '.' && DIGIT.test(src[i + 1] ?? ''))) {
      while (DIGIT.test(src[i] ?? '')) i += 1;
      if (src[i] === '.') {
        i += 1;
        while (DIGIT.test(src[i] ?? '')) i += 1;
      }
      tokens.push({ t: 'num', value: Number(src.slice(start, i)), start, end: i });
      continue;
    }
    if (c === '.') {
      if (src[i + 1] === '.') {
        tokens.push({ t: 'op', value: '..', start, end: i + 2 });
        i += 2;
        continue;
      }
      tokens.push({ t: 'self', start, end: i + 1 });
      i += 1;
      continue;
    }
    if (NAME_START.test(c)) {
      while (NAME_CHAR.test(src[i] ?? '')) i += 1;
      tokens.push({ t: 'name', value: src.slice(start, i), start, end: i });
      continue;
    }
    const two = src.slice(i, i + 2);
    if (two === '!=' || two === '<=' || two === '>=') {
      tokens.push({ t: 'op', value: two, start, end: i + 2 });
      i += 2;
      continue;
    }
    if ('=<>+-*(),/'.includes(c)) {
      tokens.push({ t: 'op', value: c, start, end: i + 1 });
      i += 1;
      continue;
    }
    const ch = String.fromCodePoint(src.codePointAt(i)!);
    refuse({ start, end: i + ch.length }, { en: `the character "${ch}" is not allowed here`, vi: `không được dùng ký tự "${ch}" ở đây` });
  }
  tokens.push({ t: 'eof', start: src.length, end: src.length });
  return tokens;
}

// ---------------------------------------------------------------------------------------------
// Syntax tree

type CmpOp = '=' | '!=' | '<' | '<=' | '>' | '>=';
type ArithOp = '+' | '-' | '*' | 'div' | 'mod';

type Node = Span &
  (
    | { k: 'ref'; name: string }
    | { k: 'self' }
    | { k: 'str'; value: string }
    | { k: 'num'; value: number }
    | { k: 'neg'; arg: Node }
    | { k: 'call'; fn: string; args: Node[] }
    | { k: 'logic'; op: 'and' | 'or'; args: Node[] }
    | { k: 'cmp'; op: CmpOp; left: Node; right: Node }
    | { k: 'arith'; first: Node; rest: { op: ArithOp; node: Node }[] }
  );

const CMP_OPS = new Set<string>(['=', '!=', '<', '<=', '>', '>=']);

/** A function this module understands (own keys only: `toString` is not one). */
const functionSpec = (name: string): { min: number; max: number } | undefined =>
  Object.hasOwn(FUNCTIONS, name) ? FUNCTIONS[name] : undefined;

function parse(src: string): Node {
  if (src.length > MAX_LENGTH) {
    const n = src.length;
    refuse(
      { start: MAX_LENGTH, end: n },
      {
        en: `the expression is too long: ${n.toLocaleString('en-GB')} characters, at most ${MAX_LENGTH.toLocaleString('en-GB')}`,
        vi: `biểu thức quá dài: ${n.toLocaleString('vi-VN')} ký tự, tối đa ${MAX_LENGTH.toLocaleString('vi-VN')} ký tự`,
      },
    );
  }
  const tokens = tokenize(src);
  let at = 0;
  let depth = 0;
  const peek = (): Token => tokens[at]!;
  const next = (): Token => tokens[at++]!;
  const isOp = (tok: Token, value: string): boolean => tok.t === 'op' && tok.value === value;
  const isWord = (tok: Token, value: string): boolean => tok.t === 'name' && tok.value === value;
  const text = (tok: Token): string => src.slice(tok.start, tok.end);

  const enter = (tok: Token): void => {
    depth += 1;
    if (depth > MAX_DEPTH)
      refuse(
        { start: tok.start, end: src.length },
        {
          en: `the expression is nested too deeply (more than ${MAX_DEPTH} levels of parentheses and functions)`,
          vi: `biểu thức lồng nhau quá sâu (quá ${MAX_DEPTH} tầng ngoặc và hàm)`,
        },
      );
  };

  /** A token where a value is expected, or the end of the expression. */
  const unexpected = (tok: Token): never => {
    if (tok.t === 'eof') {
      const before = tokens[at - 1];
      if (!before) refuse({ start: 0, end: 0 }, { en: 'the expression is empty', vi: 'biểu thức trống' });
      return refuse(before, { en: `a value is missing after "${text(before)}"`, vi: `thiếu giá trị sau "${text(before)}"` });
    }
    if (isOp(tok, '/') || isOp(tok, '..'))
      refuse(tok, { en: 'paths ("/…" or "..") are not supported: write ${name}', vi: 'không hỗ trợ đường dẫn ("/…" hay ".."): hãy viết ${tên}' });
    return refuse(tok, { en: `"${text(tok)}" is not expected here`, vi: `"${text(tok)}" đặt sai chỗ` });
  };

  /** The index of the ")" closing the "(" at token `open`, or the last token. */
  const matching = (open: number): number => {
    let level = 0;
    for (let j = open; j < tokens.length; j++) {
      const tok = tokens[j]!;
      if (isOp(tok, '(')) level += 1;
      else if (isOp(tok, ')') && --level === 0) return j;
    }
    return tokens.length - 1;
  };

  function logic(op: 'and' | 'or', operand: () => Node): Node {
    const first = operand();
    const args = [first];
    while (isWord(peek(), op)) {
      next();
      args.push(operand());
    }
    return args.length === 1 ? first : { k: 'logic', op, args, start: first.start, end: args[args.length - 1]!.end };
  }
  const parseOr = (): Node => logic('or', parseAnd);
  const parseAnd = (): Node => logic('and', parseComparison);

  function parseComparison(): Node {
    const left = parseAdditive();
    const tok = peek();
    if (tok.t !== 'op' || !CMP_OPS.has(tok.value)) return left;
    next();
    const right = parseAdditive();
    const again = peek();
    if (again.t === 'op' && CMP_OPS.has(again.value))
      refuse(
        { start: left.start, end: again.end },
        { en: 'a comparison of a comparison is not supported', vi: 'không hỗ trợ so sánh kết quả của một phép so sánh' },
      );
    return { k: 'cmp', op: tok.value as CmpOp, left, right, start: left.start, end: right.end };
  }

  function arithmetic(ops: (tok: Token) => ArithOp | undefined, operand: () => Node): Node {
    const first = operand();
    const rest: { op: ArithOp; node: Node }[] = [];
    for (let op = ops(peek()); op !== undefined; op = ops(peek())) {
      next();
      rest.push({ op, node: operand() });
    }
    return rest.length === 0 ? first : { k: 'arith', first, rest, start: first.start, end: rest[rest.length - 1]!.node.end };
  }
  const parseAdditive = (): Node =>
    arithmetic((tok) => (isOp(tok, '+') ? '+' : isOp(tok, '-') ? '-' : undefined), parseMultiplicative);
  const parseMultiplicative = (): Node =>
    arithmetic((tok) => (isOp(tok, '*') ? '*' : isWord(tok, 'div') ? 'div' : isWord(tok, 'mod') ? 'mod' : undefined), parseUnary);

  function parseUnary(): Node {
    const first = peek();
    let minus = 0;
    while (isOp(peek(), '-')) {
      next();
      minus += 1;
    }
    const arg = parsePrimary();
    return minus % 2 === 1 ? { k: 'neg', arg, start: first.start, end: arg.end } : arg;
  }

  function parsePrimary(): Node {
    const tok = peek();
    switch (tok.t) {
      case 'ref':
        next();
        return { k: 'ref', name: tok.name, start: tok.start, end: tok.end };
      case 'self':
        next();
        return { k: 'self', start: tok.start, end: tok.end };
      case 'str':
        next();
        return { k: 'str', value: tok.value, start: tok.start, end: tok.end };
      case 'num':
        next();
        return { k: 'num', value: tok.value, start: tok.start, end: tok.end };
      case 'name': {
        if (!isOp(tokens[at + 1]!, '(')) {
          if (['and', 'or', 'div', 'mod'].includes(tok.value)) return unexpected(tok);
          return refuse(tok, {
            en: `"${tok.value}" is neither a function nor a question: write \${${tok.value}} for a question`,
            vi: `"${tok.value}" không phải hàm cũng không phải câu hỏi: hãy viết \${${tok.value}} để chỉ một câu hỏi`,
          });
        }
        if (!functionSpec(tok.value))
          refuse(
            { start: tok.start, end: tokens[matching(at + 1)]!.end },
            { en: `the function ${tok.value}() is not supported`, vi: `không hỗ trợ hàm ${tok.value}()` },
          );
        next();
        const open = next();
        enter(tok);
        const args: Node[] = [];
        if (!isOp(peek(), ')')) {
          args.push(parseOr());
          while (isOp(peek(), ',')) {
            next();
            args.push(parseOr());
          }
        }
        const close = closing(open);
        depth -= 1;
        return { k: 'call', fn: tok.value, args, start: tok.start, end: close.end };
      }
      case 'op': {
        if (tok.value !== '(') return unexpected(tok);
        next();
        enter(tok);
        const inner = parseOr();
        const close = closing(tok);
        depth -= 1;
        return { ...inner, start: tok.start, end: close.end };
      }
      case 'eof':
        return unexpected(tok);
    }
  }

  /** The ")" that closes `open`. */
  function closing(open: Token): Token {
    const tok = peek();
    if (isOp(tok, ')')) return next();
    if (tok.t === 'eof')
      refuse(
        { start: open.start, end: src.length },
        { en: 'the parenthesis is not closed: ")" is missing', vi: 'dấu ngoặc chưa được đóng: thiếu ")"' },
      );
    return unexpected(tok);
  }

  const tree = parseOr();
  const rest = peek();
  if (rest.t !== 'eof') unexpected(rest);
  return tree;
}

// ---------------------------------------------------------------------------------------------
// Values

/** The question or row a comparison reads. */
type Target = { q: string } | { q: string; row: string };

interface Answer {
  ref: NameRef;
  target: Target;
  /** Written `.` rather than `${name}`. */
  self: boolean;
  node: Node;
}

type Value = Span &
  (
    | { v: 'answer'; answer: Answer }
    | { v: 'count'; answer: Answer }
    | { v: 'length'; answer: Answer }
    | { v: 'str'; value: string }
    | { v: 'num'; value: number }
    | { v: 'bool'; value: boolean }
    | { v: 'date'; value: string }
    | { v: 'today' }
  );

type Where = 'relevant' | 'constraint';

/** The functions understood; everything else is refused by name. */
const FUNCTIONS: Record<string, { min: number; max: number }> = {
  not: { min: 1, max: 1 },
  selected: { min: 2, max: 2 },
  'count-selected': { min: 1, max: 1 },
  'string-length': { min: 1, max: 1 },
  regex: { min: 2, max: 2 },
  today: { min: 0, max: 0 },
  date: { min: 1, max: 1 },
  true: { min: 0, max: 0 },
  false: { min: 0, max: 0 },
  concat: { min: 2, max: Infinity },
};

const NUMBER_TYPES = new Set<QuestionType>(['integer', 'decimal']);
const isMatrixTable = (ref: NameRef): boolean => ref.type === 'matrix' && ref.row === undefined;
const isChoice = (ref: NameRef): boolean => ref.type === 'single' || ref.type === 'multiple' || (ref.type === 'matrix' && ref.row !== undefined);

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
function isIsoDate(s: string): boolean {
  if (!ISO_DATE.test(s)) return false;
  const d = new Date(s + 'T00:00:00Z');
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}
function addDays(iso: string, days: number): string {
  const d = new Date(iso + 'T00:00:00Z');
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** A text XPath reads as a number (`'5'`, `' 2.5 '`), or undefined. */
function numericText(s: string): number | undefined {
  const t = s.trim();
  return /^-?(?:\d+(?:\.\d*)?|\.\d+)$/.test(t) ? Number(t) : undefined;
}

class Reader {
  /** The type of every question and row read so far, by `targetKey`. */
  private readonly types = new Map<string, QuestionType>();

  constructor(
    private readonly ctx: ExprContext,
    private readonly where: Where,
  ) {}

  /** The function's arity checked, or refused by name. */
  known(node: Node & { k: 'call' }): void {
    const spec = functionSpec(node.fn);
    const name = { start: node.start, end: node.end };
    if (!spec) refuse(name, { en: `the function ${node.fn}() is not supported`, vi: `không hỗ trợ hàm ${node.fn}()` });
    const n = node.args.length;
    if (n < spec.min || n > spec.max) {
      const wanted = spec.min === spec.max ? String(spec.min) : `at least ${spec.min}`;
      const viWanted = spec.min === spec.max ? String(spec.min) : `ít nhất ${spec.min}`;
      refuse(name, {
        en: `${node.fn}() takes ${wanted} argument${spec.max === 1 ? '' : 's'}, not ${n}`,
        vi: `hàm ${node.fn}() cần ${viWanted} đối số, không phải ${n}`,
      });
    }
  }

  answer(node: Node & { k: 'ref' | 'self' }): Answer {
    let ref: NameRef | undefined;
    if (node.k === 'self') {
      ref = this.ctx.self;
      if (!ref) refuse(node, { en: '"." (this question) cannot be used here', vi: 'không dùng được "." (câu hỏi này) ở đây' });
    } else {
      ref = this.ctx.resolve(node.name);
      if (!ref)
        refuse(node, { en: `the form has no question named "${node.name}"`, vi: `biểu mẫu không có câu hỏi nào tên "${node.name}"` });
    }
    const shown = node.k === 'self' ? '.' : `\${${node.name}}`;
    if (ref.type === 'note') refuse(node, { en: `${shown} is a note and has no answer`, vi: `${shown} là ghi chú, không có câu trả lời` });
    const target: Target = ref.row === undefined ? { q: ref.q } : { q: ref.q, row: ref.row };
    this.types.set(targetKey(target), ref.type);
    return { ref, target, self: node.k === 'self', node };
  }

  /** The question a function reads: its one argument must be `${name}` or `.`. */
  private argumentAnswer(node: Node & { k: 'call' }): Answer {
    const arg = node.args[0]!;
    if (arg.k !== 'ref' && arg.k !== 'self')
      refuse(arg, {
        en: `the first argument of ${node.fn}() must be a question: \${name} or .`,
        vi: `đối số đầu của hàm ${node.fn}() phải là một câu hỏi: \${tên} hoặc .`,
      });
    return this.answer(arg);
  }

  value(node: Node): Value {
    const span = { start: node.start, end: node.end };
    switch (node.k) {
      case 'ref':
      case 'self':
        return { v: 'answer', answer: this.answer(node), ...span };
      case 'str':
        return { v: 'str', value: node.value, ...span };
      case 'num':
        return { v: 'num', value: node.value, ...span };
      case 'neg':
        return { v: 'num', value: -this.number(node.arg, node), ...span };
      case 'arith': {
        let n = this.number(node.first, node);
        for (const { op, node: operand } of node.rest) {
          const m = this.number(operand, node);
          n = op === '+' ? n + m : op === '-' ? n - m : op === '*' ? n * m : op === 'div' ? n / m : n % m;
        }
        if (!Number.isFinite(n))
          refuse(node, { en: 'the arithmetic gives no finite number (a division by zero?)', vi: 'phép tính không cho ra một số hữu hạn (chia cho 0?)' });
        return { v: 'num', value: n, ...span };
      }
      case 'logic':
      case 'cmp':
        return refuse(node, { en: 'comparing the result of a condition is not supported', vi: 'không hỗ trợ so sánh kết quả của một điều kiện' });
      case 'call': {
        this.known(node);
        switch (node.fn) {
          case 'true':
          case 'false':
            return { v: 'bool', value: node.fn === 'true', ...span };
          case 'today':
            return { v: 'today', ...span };
          case 'date': {
            const arg = this.value(node.args[0]!);
            if (arg.v !== 'str' || !isIsoDate(arg.value))
              refuse(node, { en: "date() needs a real date written 'YYYY-MM-DD'", vi: "hàm date() cần một ngày có thật, viết dạng 'YYYY-MM-DD'" });
            return { v: 'date', value: arg.value, ...span };
          }
          case 'count-selected': {
            const answer = this.argumentAnswer(node);
            if (!isChoice(answer.ref))
              refuse(node, { en: 'count-selected() applies to choice questions only', vi: 'hàm count-selected() chỉ dùng cho câu hỏi lựa chọn' });
            return { v: 'count', answer, ...span };
          }
          case 'string-length': {
            return { v: 'length', answer: this.argumentAnswer(node), ...span };
          }
          case 'concat': {
            let s = '';
            for (const a of node.args) {
              const part = this.value(a);
              if (part.v !== 'str')
                refuse(a, { en: 'concat() joins texts in quotes only', vi: 'hàm concat() chỉ nối các chuỗi trong dấu nháy' });
              s += part.value;
            }
            return { v: 'str', value: s, ...span };
          }
          default:
            // not(), selected(), regex(): conditions used as values.
            return refuse(node, { en: 'comparing the result of a condition is not supported', vi: 'không hỗ trợ so sánh kết quả của một điều kiện' });
        }
      }
    }
  }

  /** An operand of the arithmetic `whole`: a constant number. */
  private number(node: Node, whole: Span): number {
    const v = this.value(node);
    if (v.v === 'num') return v.value;
    if (v.v === 'answer' || v.v === 'count' || v.v === 'length')
      return refuse(whole, { en: 'arithmetic on answers is not supported', vi: 'không hỗ trợ phép tính trên câu trả lời' });
    if (v.v === 'date' || v.v === 'today')
      return refuse(whole, { en: 'arithmetic on dates is not supported', vi: 'không hỗ trợ phép tính với ngày tháng' });
    return refuse(whole, { en: 'arithmetic needs numbers', vi: 'phép tính chỉ áp dụng cho số' });
  }

  matrixTable(a: Answer): never {
    const shown = `\${${nameOf(a)}}`;
    return refuse(a.node, {
      en: `${shown} is a matrix: compare one of its rows`,
      vi: `${shown} là câu hỏi dạng bảng: hãy so sánh một dòng của bảng`,
    });
  }

  todayHere(span: Span): never {
    return this.where === 'relevant'
      ? refuse(span, { en: 'today() cannot be used in a relevant condition', vi: 'không dùng được hàm today() trong điều kiện hiển thị' })
      : refuse(span, {
          en: 'today() can only bound the date question itself: . >= today() or . <= today()',
          vi: 'hàm today() chỉ dùng để giới hạn chính câu hỏi ngày: . >= today() hoặc . <= today()',
        });
  }

  dateOrder(span: Span): never {
    return refuse(span, {
      en: "dates can be compared with < and > only in the constraint of the date question itself: . >= date('YYYY-MM-DD')",
      vi: "chỉ so sánh ngày bằng < và > trong ràng buộc của chính câu hỏi ngày đó: . >= date('YYYY-MM-DD')",
    });
  }

  /** A comparison split into the answer side and the constant side, the operator turned to match. */
  sides(node: Node & { k: 'cmp' }): { subject: Value & { v: 'answer' | 'count' | 'length' }; op: CmpOp; other: Value } {
    const left = this.value(node.left);
    const right = this.value(node.right);
    const isSubject = (v: Value): v is Value & { v: 'answer' | 'count' | 'length' } =>
      v.v === 'answer' || v.v === 'count' || v.v === 'length';
    if (isSubject(left) && isSubject(right))
      refuse(node, { en: 'comparing two answers with each other is not supported', vi: 'không hỗ trợ so sánh hai câu trả lời với nhau' });
    if (isSubject(left)) return { subject: left, op: node.op, other: right };
    if (isSubject(right)) return { subject: right, op: FLIP[node.op], other: left };
    if (left.v === 'today' || right.v === 'today') this.todayHere(left.v === 'today' ? left : right);
    return refuse(node, { en: 'comparing two constants is not supported', vi: 'không hỗ trợ so sánh hai hằng số với nhau' });
  }

  condition(node: Node): Condition {
    switch (node.k) {
      case 'logic': {
        if (node.op === 'and') {
          const notEquals = this.notEqualsPair(node.args);
          if (notEquals) return notEquals;
          return { all: node.args.map((a) => this.condition(a)) };
        }
        const branches = node.args.map((a) => this.condition(a));
        return this.oneOfGroup(branches) ?? { any: branches };
      }
      case 'cmp':
        return this.comparison(node);
      case 'call': {
        this.known(node);
        if (node.fn === 'not') return { not: this.condition(node.args[0]!) };
        if (node.fn === 'selected') return this.selected(node);
        if (node.fn === 'regex')
          refuse(node, {
            en: "regex() is supported only in the constraint of a text question, on the question itself and joined with \"and\": regex(., '…')",
            vi: "chỉ dùng được hàm regex() trong ràng buộc của câu hỏi văn bản, trên chính câu hỏi đó và nối bằng \"and\": regex(., '…')",
          });
        if (node.fn === 'true' || node.fn === 'false')
          refuse(node, { en: 'a condition that is always true or always false is not supported', vi: 'không hỗ trợ điều kiện luôn đúng hoặc luôn sai' });
        if (node.fn === 'today') this.todayHere(node);
        return notACondition(node);
      }
      case 'ref':
      case 'self': {
        const a = this.answer(node);
        const shown = a.self ? '.' : `\${${nameOf(a)}}`;
        return refuse(node, {
          en: `an answer alone is not a condition: write ${shown} != '' for "answered"`,
          vi: `riêng một câu trả lời không phải là điều kiện: hãy viết ${shown} != '' để kiểm tra đã trả lời`,
        });
      }
      default:
        this.value(node);
        return notACondition(node);
    }
  }

  /** `${q} != v and ${q} != ''` (v not ''): the engine's notEquals. */
  notEqualsPair(args: Node[]): Condition | undefined {
    if (args.length !== 2) return undefined;
    const [a, b] = args as [Node, Node];
    if (a.k !== 'cmp' || b.k !== 'cmp' || a.op !== '!=' || b.op !== '!=') return undefined;
    const first = this.comparison(a);
    const second = this.comparison(b);
    if (first.not === undefined || first.not.equals === undefined || second.answered !== true) return undefined;
    if (!sameTarget(first.not, second)) return undefined;
    return { ...targetOf(second), notEquals: first.not.equals };
  }

  /**
   * An `or` of equals / includes on one question and row, as `oneOf` (see the header); not on a
   * text question, whose `oneOf` has no exact printing.
   */
  private oneOfGroup(branches: Condition[]): Condition | undefined {
    const first = branches[0];
    if (branches.length < 2 || !first || !isComparison(first)) return undefined;
    const type = this.types.get(targetKey(first));
    if (type === 'text' || type === 'longtext') return undefined;
    const values: (string | number | boolean)[] = [];
    for (const b of branches) {
      if (!sameTarget(first, b) || !isComparison(b)) return undefined;
      if (b.equals !== undefined) values.push(b.equals);
      else if (b.includes !== undefined) values.push(b.includes);
      else return undefined;
    }
    return { ...targetOf(first), oneOf: values };
  }

  comparison(node: Node & { k: 'cmp' }): Condition {
    const { subject, op, other } = this.sides(node);
    if (subject.v !== 'answer') return this.answeredByCount(subject, op, other, node);
    const a = subject.answer;
    if (other.v === 'today') return this.todayHere(other);
    if (op === '=' || op === '!=') {
      if (other.v === 'str' && other.value === '') return { ...a.target, answered: op === '!=' };
      const value = this.equalityOperand(a, other, node);
      return op === '=' ? { ...a.target, equals: value } : { not: { ...a.target, equals: value } };
    }
    if (!NUMBER_TYPES.has(a.ref.type)) {
      if (a.ref.type === 'date') return this.dateOrder(node);
      const shown = a.self ? '.' : `\${${nameOf(a)}}`;
      return refuse(node, {
        en: `${shown} is not a number question: "${op}" cannot compare it`,
        vi: `${shown} không phải câu hỏi dạng số: không so sánh được bằng "${op}"`,
      });
    }
    const n = other.v === 'num' ? other.value : other.v === 'str' ? numericText(other.value) : undefined;
    if (n === undefined) return refuse(other, { en: `"${op}" needs a number on the other side`, vi: `"${op}" cần một số ở vế bên kia` });
    const key = ORDER_KEY[op];
    return { ...a.target, [key]: n } as Condition;
  }

  private equalityOperand(a: Answer, other: Value, node: Node): string | number | boolean {
    const shown = a.self ? '.' : `\${${nameOf(a)}}`;
    if (isMatrixTable(a.ref)) return this.matrixTable(a);
    if (a.ref.type === 'multiple')
      return refuse(node, {
        en: `${shown} is a multiple choice question: use selected(${shown}, '…') instead of "="`,
        vi: `${shown} là câu hỏi nhiều lựa chọn: hãy dùng selected(${shown}, '…') thay cho "="`,
      });
    if (NUMBER_TYPES.has(a.ref.type)) {
      const n = other.v === 'num' ? other.value : other.v === 'str' ? numericText(other.value) : undefined;
      if (n === undefined)
        return refuse(other, { en: `${shown} is a number question: compare it with a number`, vi: `${shown} là câu hỏi dạng số: hãy so sánh với một số` });
      return n;
    }
    if (a.ref.type === 'date') {
      if (other.v === 'str' || other.v === 'date') return other.value;
      return refuse(other, {
        en: `${shown} is a date question: compare it with date('YYYY-MM-DD')`,
        vi: `${shown} là câu hỏi ngày: hãy so sánh với date('YYYY-MM-DD')`,
      });
    }
    if (other.v === 'date')
      return refuse(other, { en: 'date() can only be compared with a date question', vi: 'chỉ so sánh hàm date() với câu hỏi ngày' });
    if (other.v === 'str' || other.v === 'num' || other.v === 'bool') return other.value;
    return this.todayHere(other);
  }

  /** count-selected(x) or string-length(x) compared with a number: "answered" or "not answered". */
  private answeredByCount(subject: Value & { v: 'count' | 'length' }, op: CmpOp, other: Value, node: Node): Condition {
    const fn = subject.v === 'count' ? 'count-selected()' : 'string-length()';
    const n = other.v === 'num' ? other.value : other.v === 'str' ? numericText(other.value) : undefined;
    if (n === undefined) return refuse(other, { en: `${fn} is compared with numbers`, vi: `hàm ${fn} chỉ so sánh với số` });
    const holds = (c: number): boolean => ORDER_TEST[op](c, n);
    const points = [1, 2, Math.floor(n), Math.ceil(n), Math.floor(n) + 1, 1e9].filter((c) => c >= 1);
    const whenAnswered = points.map(holds);
    const answered = whenAnswered.every(Boolean) ? true : whenAnswered.some(Boolean) ? undefined : false;
    if (answered === undefined || answered === holds(0))
      refuse(node, {
        en: `${fn} can only test here whether the question is answered: > 0 or = 0`,
        vi: `ở đây hàm ${fn} chỉ dùng để kiểm tra câu hỏi đã được trả lời hay chưa: > 0 hoặc = 0`,
      });
    return { ...subject.answer.target, answered };
  }

  private selected(node: Node & { k: 'call' }): Condition {
    const a = this.argumentAnswer(node);
    const shown = a.self ? '.' : `\${${nameOf(a)}}`;
    const v = this.value(node.args[1]!);
    if (v.v !== 'str' && v.v !== 'num')
      refuse(node.args[1]!, {
        en: 'the second argument of selected() must be an option value in quotes',
        vi: 'đối số thứ hai của hàm selected() phải là một mã lựa chọn trong dấu nháy',
      });
    if (isMatrixTable(a.ref)) return this.matrixTable(a);
    if (a.ref.type === 'multiple') return { ...a.target, includes: String(v.value) };
    if (a.ref.type === 'date' && v.v === 'num')
      refuse(node.args[1]!, { en: `${shown} is a date question: compare it with date('YYYY-MM-DD')`, vi: `${shown} là câu hỏi ngày: hãy so sánh với date('YYYY-MM-DD')` });
    if (isChoice(a.ref) || a.ref.type === 'date') return { ...a.target, equals: v.value };
    return refuse(node, {
      en: `selected() applies to choice questions, and ${shown} is not one`,
      vi: `hàm selected() chỉ dùng cho câu hỏi lựa chọn, ${shown} không phải loại câu hỏi này`,
    });
  }
}

function notACondition(node: Node): never {
  return refuse(node, {
    en: "this is a value, not a condition (a condition is for example ${name} = 'a')",
    vi: "đây là một giá trị, không phải một điều kiện (điều kiện ví dụ như ${tên} = 'a')",
  });
}

function nameOf(a: Answer): string {
  return a.node.k === 'ref' ? a.node.name : '.';
}

const FLIP: Record<CmpOp, CmpOp> = { '=': '=', '!=': '!=', '<': '>', '<=': '>=', '>': '<', '>=': '<=' };
const ORDER_KEY = { '<': 'lt', '<=': 'lte', '>': 'gt', '>=': 'gte' } as const;
const ORDER_TEST: Record<CmpOp, (a: number, b: number) => boolean> = {
  '=': (a, b) => a === b,
  '!=': (a, b) => a !== b,
  '<': (a, b) => a < b,
  '<=': (a, b) => a <= b,
  '>': (a, b) => a > b,
  '>=': (a, b) => a >= b,
};

type ComparisonOf = Extract<Condition, { q: string }>;
const isComparison = (c: Condition): c is ComparisonOf => c.q !== undefined;
const targetOf = (c: ComparisonOf): Target => (c.row === undefined ? { q: c.q } : { q: c.q, row: c.row });
const targetKey = (t: { q: string; row?: string | undefined }): string => JSON.stringify([t.q, t.row ?? null]);
const sameTarget = (a: Condition, b: Condition): boolean =>
  isComparison(a) && isComparison(b) && a.q === b.q && a.row === b.row;

// ---------------------------------------------------------------------------------------------
// Relevant

/** A `relevant` expression (of a question or a group) as a condition. */
export function relevantToCondition(expr: string, ctx: ExprContext): ExprResult<Condition> {
  return attempt(expr, () => new Reader(ctx, 'relevant').condition(parse(expr)));
}

// ---------------------------------------------------------------------------------------------
// Constraint

type Settings = Omit<ConstraintRules, 'condition'>;

/** A conjunct on `.` that a question setting expresses, put into `rules`; false when none does. */
function takeSetting(reader: Reader, node: Node, rules: Settings): boolean {
  if (node.k === 'call' && node.fn === 'regex') {
    takePattern(reader, node, rules);
    return true;
  }
  if (node.k !== 'cmp') return false;
  const { subject, op, other } = reader.sides(node);
  const a = subject.answer;
  if (!a.self) return false;
  const type = a.ref.type;
  const n = other.v === 'num' ? other.value : other.v === 'str' ? numericText(other.value) : undefined;

  if (subject.v === 'answer' && NUMBER_TYPES.has(type) && op !== '=' && op !== '!=' && n !== undefined) {
    if (type === 'integer') {
      if (op === '>=' || op === '>') rules.min = tighter(rules.min, op === '>=' ? Math.ceil(n) : Math.floor(n) + 1, Math.max);
      else rules.max = tighter(rules.max, op === '<=' ? Math.floor(n) : Math.ceil(n) - 1, Math.min);
      return true;
    }
    if (op === '>=') rules.min = tighter(rules.min, n, Math.max);
    else if (op === '<=') rules.max = tighter(rules.max, n, Math.min);
    else return false;
    return true;
  }

  if (subject.v === 'answer' && type === 'date' && op !== '=' && op !== '!=') {
    const lower = op === '>=' || op === '>';
    let bound: string;
    if (other.v === 'date') bound = op === '>' ? addDays(other.value, 1) : op === '<' ? addDays(other.value, -1) : other.value;
    else if (other.v === 'today') {
      if (op === '>' || op === '<')
        refuse(node, {
          en: 'a bound on today includes today: write . >= today() or . <= today()',
          vi: 'giới hạn theo hôm nay phải tính cả hôm nay: hãy viết . >= today() hoặc . <= today()',
        });
      bound = 'today';
    } else if (other.v === 'str')
      return refuse(other, {
        en: "write a date as date('YYYY-MM-DD'): XPath does not compare text in quotes with a date",
        vi: "hãy viết ngày dạng date('YYYY-MM-DD'): chuỗi trong dấu nháy không được so sánh như một ngày",
      });
    else return reader.dateOrder(node);
    const key = lower ? 'minDate' : 'maxDate';
    const before = rules[key];
    if (before !== undefined && before !== bound) {
      if (before === 'today' || bound === 'today')
        refuse(node, {
          en: 'a bound on today and a bound on a fixed date on the same side cannot be combined',
          vi: 'không kết hợp được hai giới hạn cùng phía theo hôm nay và theo một ngày cố định',
        });
      bound = lower ? (before > bound ? before : bound) : before < bound ? before : bound;
    }
    rules[key] = bound;
    return true;
  }

  if (subject.v === 'length' && (type === 'text' || type === 'longtext') && (op === '<=' || op === '<') && n !== undefined) {
    const max = op === '<=' ? Math.floor(n) : Math.ceil(n) - 1;
    if (max < 1) noAnswerLeft(node);
    rules.maxLength = tighter(rules.maxLength, max, Math.min);
    return true;
  }

  if (subject.v === 'count' && type === 'multiple' && op !== '!=' && n !== undefined) {
    if (op === '>=' || op === '>' || op === '=') {
      const min = op === '>' ? Math.floor(n) + 1 : Math.ceil(n);
      if (min >= 1) rules.minSelected = tighter(rules.minSelected, min, Math.max);
    }
    if (op === '<=' || op === '<' || op === '=') {
      const max = op === '<' ? Math.ceil(n) - 1 : Math.floor(n);
      if (max < 1 || (op === '=' && !Number.isInteger(n))) noAnswerLeft(node);
      rules.maxSelected = tighter(rules.maxSelected, max, Math.min);
    }
    return true;
  }
  return false;
}

function tighter(before: number | undefined, now: number, pick: (a: number, b: number) => number): number {
  return before === undefined ? now : pick(before, now);
}

function noAnswerLeft(span: Span): never {
  return refuse(span, { en: 'this limit leaves no possible answer', vi: 'giới hạn này không để lại câu trả lời nào hợp lệ' });
}

function takePattern(reader: Reader, node: Node & { k: 'call' }, rules: Settings): void {
  reader.known(node);
  const [subject, pattern] = node.args as [Node, Node];
  if (subject.k !== 'self')
    refuse(subject, {
      en: "regex() is supported only on the question itself: regex(., '…')",
      vi: "chỉ dùng được hàm regex() trên chính câu hỏi: regex(., '…')",
    });
  const self = reader.answer(subject);
  if (self.ref.type !== 'text')
    refuse(node, { en: 'regex(.) applies to short text questions only', vi: 'hàm regex(.) chỉ dùng cho câu hỏi văn bản ngắn' });
  const p = reader.value(pattern);
  if (p.v !== 'str')
    refuse(pattern, { en: 'the pattern of regex() must be written in quotes', vi: 'mẫu của hàm regex() phải viết trong dấu nháy' });
  if (rules.pattern !== undefined)
    refuse(node, { en: 'only one regex() per constraint is supported', vi: 'mỗi ràng buộc chỉ được có một hàm regex()' });
  const whole = wholeAnswerPattern(p.value);
  for (const source of [p.value, `^(?:${whole})$`]) {
    try {
      new RegExp(source, 'u');
    } catch (e) {
      refuse(pattern, {
        en: `the regular expression does not compile in JavaScript with the u flag: ${(e as Error).message}`,
        vi: 'biểu thức chính quy không hợp lệ: không dịch được với cờ u',
      });
    }
  }
  rules.pattern = whole;
}

/**
 * XPath's regex(., p) finds p anywhere in the answer; the engine matches `^(?:P)$`. P is
 * `[\s\S]*(?:p)[\s\S]*`, with an anchor at either end of p taken off instead when it binds the
 * whole pattern (no `|` outside groups and classes).
 */
function wholeAnswerPattern(p: string): string {
  const alternation = hasTopLevelBar(p);
  const start = !alternation && p.startsWith('^');
  const end = !alternation && endsWithAnchor(p) && p.length > (start ? 1 : 0);
  const core = p.slice(start ? 1 : 0, end ? p.length - 1 : p.length);
  if (start && end) return core;
  return `${start ? '' : '[\\s\\S]*'}(?:${core})${end ? '' : '[\\s\\S]*'}`;
}

/** Ends with `$` not escaped by a backslash. */
function endsWithAnchor(p: string): boolean {
  if (!p.endsWith('$')) return false;
  let slashes = 0;
  for (let i = p.length - 2; i >= 0 && p[i] === '\\'; i--) slashes += 1;
  return slashes % 2 === 0;
}

/** A `|` outside every group and character class. */
function hasTopLevelBar(p: string): boolean {
  let depth = 0;
  let inClass = false;
  for (let i = 0; i < p.length; i++) {
    const c = p[i];
    if (c === '\\') i += 1;
    else if (inClass) inClass = c !== ']';
    else if (c === '[') inClass = true;
    else if (c === '(') depth += 1;
    else if (c === ')') depth -= 1;
    else if (c === '|' && depth === 0) return true;
  }
  return false;
}

/** What a `constraint` expression asks, split into the engine's question settings and a condition. */
export function constraintToRules(expr: string, ctx: ExprContext): ExprResult<ConstraintRules> {
  return attempt(expr, () => {
    const reader = new Reader(ctx, 'constraint');
    const tree = parse(expr);
    if (tree.k === 'logic' && tree.op === 'or') return { condition: reader.condition(tree) };
    const conjuncts = tree.k === 'logic' ? tree.args : [tree];
    const notEquals = reader.notEqualsPair(conjuncts);
    if (notEquals) return { condition: notEquals };
    const rules: ConstraintRules = {};
    const conditions: Condition[] = [];
    for (const node of conjuncts) if (!takeSetting(reader, node, rules)) conditions.push(reader.condition(node));
    if (conditions.length === 1) rules.condition = conditions[0]!;
    else if (conditions.length > 1) rules.condition = { all: conditions };
    return rules;
  });
}

// ---------------------------------------------------------------------------------------------
// Printing

type Printed = { text: string; atom: boolean };

/** Prints a condition as an XLSForm expression; `name(q, row)` gives the `${…}` name of a question or matrix row. */
export function conditionToExpression(c: Condition, name: (q: string, row?: string) => string): string {
  const ref = (x: ComparisonOf): string => `\${${x.row === undefined ? name(x.q) : name(x.q, x.row)}}`;
  const group = (p: Printed): string => (p.atom ? p.text : `(${p.text})`);
  const membership = (r: string, v: string | number | boolean): string =>
    typeof v === 'string' ? `selected(${r}, ${literal(v)})` : `${r} = ${literal(v)}`;

  function print(x: Condition): Printed {
    if (x.all !== undefined || x.any !== undefined) {
      const list = x.all ?? x.any ?? [];
      // An empty list (which the schema refuses) prints as the constant it means.
      if (list.length === 0) return { text: x.all !== undefined ? 'true()' : 'false()', atom: true };
      if (list.length === 1) return print(list[0]!);
      return { text: list.map((y) => group(print(y))).join(x.all !== undefined ? ' and ' : ' or '), atom: false };
    }
    if (x.not !== undefined) return { text: `not(${print(x.not).text})`, atom: true };
    const r = ref(x);
    if (x.answered !== undefined) return { text: `${r} ${x.answered ? '!=' : '='} ''`, atom: true };
    if (x.equals !== undefined) {
      if (x.equals === '') return { text: `${r} = '' and ${r} != ''`, atom: false };
      return { text: `${r} = ${literal(x.equals)}`, atom: true };
    }
    if (x.notEquals !== undefined) {
      if (x.notEquals === '') return { text: `not(${r} = '')`, atom: true };
      return { text: `${r} != ${literal(x.notEquals)} and ${r} != ''`, atom: false };
    }
    if (x.oneOf !== undefined) {
      if (x.oneOf.length === 1) return { text: membership(r, x.oneOf[0]!), atom: true };
      return { text: x.oneOf.map((v) => membership(r, v)).join(' or '), atom: false };
    }
    if (x.includes !== undefined) return { text: `selected(${r}, ${literal(x.includes)})`, atom: true };
    if (x.gt !== undefined) return { text: `${r} > ${numberText(x.gt)}`, atom: true };
    if (x.gte !== undefined) return { text: `${r} >= ${numberText(x.gte)}`, atom: true };
    if (x.lt !== undefined) return { text: `${r} < ${numberText(x.lt)}`, atom: true };
    return { text: `${r} <= ${numberText(x.lte)}`, atom: true };
  }
  return print(c).text;
}

function literal(v: string | number | boolean): string {
  if (typeof v === 'boolean') return v ? 'true()' : 'false()';
  if (typeof v === 'number') return numberText(v);
  if (!v.includes("'")) return `'${v}'`;
  if (!v.includes('"')) return `"${v}"`;
  return `concat(${v
    .split("'")
    .map((part) => `'${part}'`)
    .join(`, "'", `)})`;
}

/** A number in plain decimal, as XPath writes numbers (no exponent). */
function numberText(n: number): string {
  if (Object.is(n, -0)) return '-0';
  if (!Number.isFinite(n)) return Number.isNaN(n) ? '(0 div 0)' : n > 0 ? '(1 div 0)' : '(-1 div 0)';
  const s = String(n);
  const m = /^(-?)(\d+)(?:\.(\d+))?e([+-]\d+)$/.exec(s);
  if (!m) return s;
  const [, sign = '', int = '', frac = '', exp = '0'] = m;
  const digits = int + frac;
  const point = int.length + Number(exp);
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return sign + digits + '0'.repeat(point - digits.length);
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}
