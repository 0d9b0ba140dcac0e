// Permission regexes: PCRE's refusals (message and offset as RabbitMQ 3.10.8 reported them) and PCRE-only syntax.
import { describe, expect, it } from "vitest";
import { compileRegex, InvalidRegexError } from "../../../src/broker/auth/regex.js";
import { compilePermission } from "../../../src/broker/auth/permissions.js";

function refusal(pattern: string): [string, number] | undefined {
  try {
    compileRegex(pattern);
    return undefined;
  } catch (e) {
    if (!(e instanceof InvalidRegexError)) throw e;
    return [e.pcreMessage, e.offset];
  }
}

describe("compileRegex refusals", () => {
  // each row was observed on the live node through PUT /api/permissions
  it.each<[string, string, number]>([
    ["(", "missing )", 1],
    ["a(b", "missing )", 3],
    ["(?:", "missing )", 3],
    ["[", "missing terminating ] for character class", 1],
    ["a[b", "missing terminating ] for character class", 3],
    ["[]", "missing terminating ] for character class", 2],
    ["[^]", "missing terminating ] for character class", 3],
    ["[[:alpha:]", "missing terminating ] for character class", 10],
    ["*", "nothing to repeat", 0],
    ["a**", "nothing to repeat", 2],
    ["+", "nothing to repeat", 0],
    ["?", "nothing to repeat", 0],
    ["^*", "nothing to repeat", 1],
    ["$+", "nothing to repeat", 1],
    ["\\b*", "nothing to repeat", 2],
    ["a|*", "nothing to repeat", 2],
    ["(*)", "nothing to repeat", 1],
    ["a?+*", "nothing to repeat", 3],
    ["{1}", "nothing to repeat", 2],
    ["x{2}{3}", "nothing to repeat", 6],
    ["(?#x)*", "nothing to repeat", 5],
    [")", "unmatched parentheses", 0],
    ["a)", "unmatched parentheses", 1],
    ["\\", "\\ at end of pattern", 1],
    ["[\\", "\\ at end of pattern", 2],
    ["\\c", "\\c at end of pattern", 2],
    ["a{2,1}", "numbers out of order in {} quantifier", 5],
    ["a{99999}", "number too big in {} quantifier", 7],
    ["[b-a]", "range out of order in character class", 3],
    ["[z-a-c]", "range out of order in character class", 3],
    ["[a-\\d]", "invalid range in character class", 4],
    ["[[:foo:]]", "unknown POSIX class name", 3],
    ["(?", "unrecognized character after (? or (?-", 2],
    ["(?z)", "unrecognized character after (? or (?-", 2],
    ["(?<", "unrecognized character after (?<", 3],
    ["(?<a", "syntax error in subpattern name (missing terminator)", 4],
    ["(?<1a>x)", "group name must start with a non-digit", 3],
    ["(?<n>a)(?<n>b)", "two named subpatterns have the same name", 11],
    ["(?#x", "missing ) after comment", 4],
    ["\\x{zz}", "non-hex character in \\x{} (closing brace missing?)", 3],
  ])("%j: %s at %i", (pattern, message, offset) => {
    expect(refusal(pattern)).toEqual([message, offset]);
  });

  it.each(["\\\\", "a{,3}", "a{2,1", "x{", "]", "[]a]", "[a-]", "[\\d-z]", "(?=a)*", "a++", "a*?", "(?>a)", "\\Q*", "a\\E*", "(?i)a", "a(?i)b", "[[:alpha:]]*", "a|", ".*", "^amq\\.gen-"])(
    "accepts %j as PCRE does",
    (pattern) => {
      expect(refusal(pattern)).toBeUndefined();
    },
  );
});

describe("PCRE spellings", () => {
  it("match as in PCRE", () => {
    expect(compileRegex("(?i)^abc$").test("ABC")).toBe(true);
    expect(compileRegex("\\Afoo\\z").test("foo")).toBe(true);
    expect(compileRegex("\\Afoo\\z").test("xfoo")).toBe(false);
    expect(compileRegex("^[[:digit:]]+$").test("123")).toBe(true);
    expect(compileRegex("^[[:digit:]]+$").test("12a")).toBe(false);
    expect(compileRegex("^\\Qa.b\\E$").test("a.b")).toBe(true);
    expect(compileRegex("^\\Qa.b\\E$").test("axb")).toBe(false);
    expect(compileRegex("^a{2}$").test("aa")).toBe(true);
    expect(compileRegex("x{").test("x{")).toBe(true);
  });

  it("reads an empty permission as ^$", () => {
    expect(compilePermission("").test("")).toBe(true);
    expect(compilePermission("").test("q")).toBe(false);
  });
});
