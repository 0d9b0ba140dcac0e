/**
 * Permission regexes are PCRE in RabbitMQ (Erlang's re). This checks a pattern the way PCRE's compiler
 * does for the mistakes people actually make, reporting PCRE's message and offset, and turns the PCRE-only
 * spellings ((?i), \A, \z, POSIX classes, atomic groups, possessive quantifiers) into JavaScript.
 */
export class InvalidRegexError extends Error {
  constructor(
    readonly pattern: string,
    /** PCRE's wording, e.g. "missing )". */
    readonly pcreMessage: string,
    /** Where PCRE stopped, in characters from the start. */
    readonly offset: number,
  ) {
    super(`invalid regular expression '${pattern}': ${pcreMessage} at ${offset}`);
    this.name = "InvalidRegexError";
  }
}

const POSIX_CLASSES: Readonly<Record<string, string>> = {
  alpha: "a-zA-Z",
  digit: "0-9",
  alnum: "a-zA-Z0-9",
  upper: "A-Z",
  lower: "a-z",
  space: "\\s",
  blank: " \\t",
  word: "\\w",
  xdigit: "0-9A-Fa-f",
  punct: "!-\\/:-@\\[-`{-~",
  cntrl: "\\x00-\\x1f\\x7f",
  print: " -~",
  graph: "!-~",
  ascii: "\\x00-\\x7f",
};

/** PCRE's largest {n,m} bound. */
const MAX_REPEAT = 65535;
const ASSERTION_ESCAPES = "bBAzZG";
const CLASS_ESCAPES = "dDsSwWhHvV";

/** Compiles a RabbitMQ permission pattern; throws InvalidRegexError with PCRE's message when PCRE would refuse it. */
export function compileRegex(pattern: string): RegExp {
  const { source, flags } = new Translator(pattern).run();
  try {
    return new RegExp(source, flags);
  } catch (e) {
    // PCRE accepted it (or we would have thrown); a construct JavaScript lacks is still a refusal
    throw new InvalidRegexError(pattern, (e as Error).message.replace(/^Invalid regular expression: \/.*\/[a-z]*: /, ""), pattern.length);
  }
}

class Translator {
  private i = 0;
  private out = "";
  private flags = "";
  private readonly names = new Set<string>();
  private readonly open: number[] = [];
  /** Whether the last token may take a quantifier (an atom, not an assertion, "(" or "|"). */
  private repeatable = false;
  /** A quantifier was just read: one ? or + may follow as its modifier, nothing else. */
  private afterQuantifier = false;

  constructor(private readonly p: string) {}

  run(): { source: string; flags: string } {
    while (this.i < this.p.length) this.token();
    if (this.open.length > 0) this.fail("missing )", this.p.length);
    return { source: this.out, flags: this.flags };
  }

  /** PCRE reports offsets in bytes of the UTF-8 pattern, not in characters. */
  private fail(message: string, offset: number): never {
    throw new InvalidRegexError(this.p, message, Buffer.byteLength(this.p.slice(0, offset), "utf8"));
  }

  private atom(text: string, repeatable = true): void {
    this.out += text;
    this.repeatable = repeatable;
    this.afterQuantifier = false;
  }

  private token(): void {
    const c = this.p[this.i]!;
    switch (c) {
      case "\\": return this.escape();
      case "[": return this.charClass();
      case "(": return this.groupOpen();
      case ")": return this.groupClose();
      case "|":
        this.i++;
        return this.atom("|", false);
      case "^":
      case "$":
        this.i++;
        return this.atom(c, false);
      case "*":
      case "+":
      case "?":
        return this.quantifier(c);
      case "{": {
        const m = /^\{(\d+)(,(\d*))?\}/.exec(this.p.slice(this.i));
        if (m === null) {
          this.i++;
          return this.atom("\\{");
        }
        return this.braces(m);
      }
      default:
        this.i++;
        return this.atom(c);
    }
  }

  private quantifier(c: string): void {
    if (this.afterQuantifier && (c === "?" || c === "+")) {
      // lazy stays; possessive has no JavaScript form, so it becomes greedy
      if (c === "?") this.out += "?";
      this.afterQuantifier = false;
      this.i++;
      return;
    }
    if (!this.repeatable) this.fail("nothing to repeat", this.i);
    this.out += c;
    this.i++;
    this.repeatable = false;
    this.afterQuantifier = true;
  }

  private braces(m: RegExpExecArray): void {
    const close = this.i + m[0].length - 1;
    if (!this.repeatable) this.fail("nothing to repeat", close);
    const min = Number(m[1]);
    const max = m[3] === undefined || m[3] === "" ? undefined : Number(m[3]);
    if (min > MAX_REPEAT || (max !== undefined && max > MAX_REPEAT)) this.fail("number too big in {} quantifier", close);
    if (max !== undefined && max < min) this.fail("numbers out of order in {} quantifier", close);
    this.out += m[0];
    this.i = close + 1;
    this.repeatable = false;
    this.afterQuantifier = true;
  }

  private escape(): void {
    const next = this.p[this.i + 1];
    if (next === undefined) this.fail("\\ at end of pattern", this.p.length);
    if (next === "c" && this.i + 2 >= this.p.length) this.fail("\\c at end of pattern", this.p.length);
    this.i += 2;
    if (next === "A") return this.atom("^", false);
    if (next === "z" || next === "Z") return this.atom("$", false);
    if (next === "Q") return this.quoted();
    if (next === "E") return;
    if (next === "x" && this.p[this.i] === "{") return this.hexEscape();
    this.atom(`\\${next}`, !ASSERTION_ESCAPES.includes(next));
  }

  /** \Q...\E: everything up to \E (or the end) is literal. */
  private quoted(): void {
    const end = this.p.indexOf("\\E", this.i);
    const text = this.p.slice(this.i, end < 0 ? undefined : end);
    this.i = end < 0 ? this.p.length : end + 2;
    if (text !== "") this.atom(text.replace(/[\\^$.*+?()[\]{}|/]/g, "\\$&"));
  }

  /** \x{hhh}: JavaScript without the u flag has only \uXXXX, so larger code points go in literally. */
  private hexEscape(): void {
    const m = /^\{([0-9A-Fa-f]+)\}/.exec(this.p.slice(this.i));
    if (m === null) this.fail("non-hex character in \\x{} (closing brace missing?)", this.i + 1);
    this.i += m[0].length;
    const code = Number.parseInt(m[1]!, 16);
    this.atom(code <= 0xffff ? `\\u${code.toString(16).padStart(4, "0")}` : String.fromCodePoint(code));
  }

  private charClass(): void {
    let j = this.i + 1;
    let body = "";
    if (this.p[j] === "^") {
      body += "^";
      j++;
    }
    // a ] first in the class is literal
    if (this.p[j] === "]") {
      body += "\\]";
      j++;
    }
    /** The previous member as a single character (for range checks), or undefined when it was a class escape or range. */
    let prev: string | undefined;
    for (;;) {
      if (j >= this.p.length) this.fail("missing terminating ] for character class", this.p.length);
      const c = this.p[j]!;
      if (c === "]") break;
      if (c === "[" && this.p[j + 1] === ":") {
        const close = this.p.indexOf(":]", j + 2);
        if (close >= 0) {
          const name = this.p.slice(j + 2, close);
          const negated = name.startsWith("^");
          const set = POSIX_CLASSES[negated ? name.slice(1) : name];
          if (set === undefined || negated) this.fail("unknown POSIX class name", j + 2);
          body += set;
          j = close + 2;
          prev = undefined;
          continue;
        }
      }
      if (c === "-" && prev !== undefined && this.p[j + 1] !== undefined && this.p[j + 1] !== "]") {
        const endAt = j + 1;
        const [end, width] = this.classMember(endAt);
        if (end === undefined) this.fail("invalid range in character class", endAt + 1);
        if (end.codePointAt(0)! < prev.codePointAt(0)!) this.fail("range out of order in character class", endAt);
        body += `-${this.p.slice(endAt, endAt + width)}`;
        j = endAt + width;
        prev = undefined;
        continue;
      }
      const [member, width] = this.classMember(j);
      body += c === "[" ? "\\[" : this.p.slice(j, j + width);
      prev = member;
      j += width;
    }
    this.i = j + 1;
    this.atom(`[${body}]`);
  }

  /** One class member at j: the character it stands for (undefined for \d and friends) and how many pattern characters it takes. */
  private classMember(j: number): [string | undefined, number] {
    const c = this.p[j]!;
    if (c !== "\\") return [c, 1];
    const next = this.p[j + 1];
    if (next === undefined) this.fail("\\ at end of pattern", this.p.length);
    if (CLASS_ESCAPES.includes(next)) return [undefined, 2];
    const simple: Record<string, string> = { n: "\n", r: "\r", t: "\t", f: "\f", e: "\x1b", a: "\x07" };
    return [simple[next] ?? next, 2];
  }

  private groupOpen(): void {
    const at = this.i;
    if (this.p[at + 1] !== "?") {
      return this.pushGroup("(", at, 1);
    }
    const rest = this.p.slice(at + 2);
    if (rest.startsWith("#")) {
      const close = this.p.indexOf(")", at);
      if (close < 0) this.fail("missing ) after comment", this.p.length);
      this.i = close + 1;
      return;
    }
    for (const lead of [":", "=", "!", "<=", "<!", "|"]) {
      if (rest.startsWith(lead)) return this.pushGroup(lead === "|" ? "(?:" : `(?${lead}`, at, 2 + lead.length);
    }
    if (rest.startsWith(">")) return this.pushGroup("(?:", at, 3);
    const named = /^(P?<|')/.exec(rest);
    if (named !== null) return this.namedGroup(at, named[0]);
    if (rest === "") this.fail("unrecognized character after (? or (?-", at + 2);
    const options = /^([imsxJUX]*)(?:-[imsxJUX]*)?([):])/.exec(rest);
    if (options !== null) {
      // Node 20 has no inline modifiers: an option switched on anywhere applies to the whole pattern (i and s only)
      for (const f of options[1]!) if ("is".includes(f) && !this.flags.includes(f)) this.flags += f;
      if (options[2] === ":") return this.pushGroup("(?:", at, 2 + options[0].length);
      this.i = at + 2 + options[0].length;
      this.repeatable = false;
      return;
    }
    this.fail("unrecognized character after (? or (?-", at + 2);
  }

  private namedGroup(at: number, lead: string): void {
    const nameStart = at + 2 + lead.length;
    const terminator = lead === "'" ? "'" : ">";
    if (lead === "<" && this.p[nameStart] === undefined) this.fail("unrecognized character after (?<", nameStart);
    if (/\d/.test(this.p[nameStart] ?? "")) this.fail("group name must start with a non-digit", nameStart);
    const m = /^\w*/.exec(this.p.slice(nameStart))!;
    const end = nameStart + m[0].length;
    if (this.p[end] !== terminator) {
      if (lead === "<" && m[0] === "") this.fail("unrecognized character after (?<", nameStart);
      this.fail("syntax error in subpattern name (missing terminator)", end);
    }
    if (this.names.has(m[0])) this.fail("two named subpatterns have the same name", end);
    this.names.add(m[0]);
    this.pushGroup(`(?<${m[0]}>`, at, end + 1 - at);
  }

  private pushGroup(text: string, at: number, width: number): void {
    this.open.push(at);
    this.i = at + width;
    this.atom(text, false);
  }

  private groupClose(): void {
    if (this.open.length === 0) this.fail("unmatched parentheses", this.i);
    this.open.pop();
    this.i++;
    this.atom(")");
  }
}
