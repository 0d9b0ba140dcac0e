// Parses argv the way rabbitmqctl's strict OptionParser does: options anywhere, --x=v, --no-x for
// booleans, combined short flags (-qs), and unknown or malformed switches collected, not thrown.

export type SwitchType = "boolean" | "string" | "integer" | "float";

export interface ParserSwitch {
  /** Long name without dashes: "if-empty". */
  name: string;
  alias?: string;
  type: SwitchType;
  /** Property in the parsed options; defaults to `name`. */
  key?: string;
}

export interface Parsed {
  positional: string[];
  values: Record<string, unknown>;
  /** [as written, bad value or undefined for unknown switches] in argv order. */
  invalid: [string, string | undefined][];
}

function coerce(type: SwitchType, raw: string): { ok: true; value: unknown } | { ok: false } {
  switch (type) {
    case "string": return { ok: true, value: raw };
    case "integer": return /^[+-]?\d+$/.test(raw) ? { ok: true, value: Number.parseInt(raw, 10) } : { ok: false };
    case "float": return /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(raw) ? { ok: true, value: Number(raw) } : { ok: false };
    case "boolean":
      if (raw === "true") return { ok: true, value: true };
      if (raw === "false") return { ok: true, value: false };
      return { ok: false };
  }
}

export function parseArgv(argv: readonly string[], switches: readonly ParserSwitch[]): Parsed {
  const byName = new Map(switches.map((s) => [s.name, s]));
  const byAlias = new Map(switches.filter((s) => s.alias).map((s) => [s.alias!, s]));
  const out: Parsed = { positional: [], values: {}, invalid: [] };
  const set = (s: ParserSwitch, v: unknown): void => {
    out.values[s.key ?? s.name] = v;
  };

  for (let i = 0; i < argv.length; i++) {
    const tok = argv[i]!;
    if (tok === "--") {
      out.positional.push(...argv.slice(i + 1));
      break;
    }
    if (tok.startsWith("--") && tok.length > 2) {
      const eq = tok.indexOf("=");
      const name = (eq === -1 ? tok.slice(2) : tok.slice(2, eq)).replace(/_/g, "-");
      const inline = eq === -1 ? undefined : tok.slice(eq + 1);
      let spec = byName.get(name);
      let negated = false;
      if (!spec && name.startsWith("no-")) {
        const base = byName.get(name.slice(3));
        if (base?.type === "boolean") {
          spec = base;
          negated = true;
        }
      }
      if (!spec) {
        out.invalid.push([eq === -1 ? tok : tok.slice(0, eq), undefined]);
        continue;
      }
      if (spec.type === "boolean") {
        if (inline === undefined) set(spec, !negated);
        else {
          const c = coerce("boolean", inline);
          if (c.ok && !negated) set(spec, c.value);
          else out.invalid.push([tok.slice(0, eq), inline]);
        }
        continue;
      }
      const raw = inline ?? argv[i + 1];
      if (inline === undefined) i++;
      if (raw === undefined) {
        out.invalid.push([tok, undefined]);
        continue;
      }
      const c = coerce(spec.type, raw);
      if (c.ok) set(spec, c.value);
      else out.invalid.push([eq === -1 ? tok : tok.slice(0, eq), raw]);
      continue;
    }
    if (tok.startsWith("-") && tok.length > 1 && !/^-\d/.test(tok)) {
      const letters = tok.slice(1);
      // a lone short switch may take a value; in a combined group (-qs) every letter must be boolean
      if (letters.length === 1) {
        const spec = byAlias.get(letters);
        if (!spec) {
          out.invalid.push([tok, undefined]);
          continue;
        }
        if (spec.type === "boolean") {
          set(spec, true);
          continue;
        }
        const raw = argv[++i];
        if (raw === undefined) {
          out.invalid.push([tok, undefined]);
          continue;
        }
        const c = coerce(spec.type, raw);
        if (c.ok) set(spec, c.value);
        else out.invalid.push([tok, raw]);
        continue;
      }
      for (const ch of letters) {
        const spec = byAlias.get(ch);
        if (spec?.type === "boolean") set(spec, true);
        else out.invalid.push([`-${ch}`, undefined]);
      }
      continue;
    }
    out.positional.push(tok);
  }
  return out;
}
