// bash and zsh completion scripts: command names, global options, each command's switches and columns.
import { FORMATTERS, type AnyCommand } from "../../src/cli/types.js";
import { GENERATED_NOTE } from "./man.js";
import { commandSwitchWords, globalOptionWords, valueTakingWords } from "./options.js";

const sorted = (cs: readonly AnyCommand[]): AnyCommand[] => [...cs].sort((a, b) => (a.name < b.name ? -1 : 1));
/** Names and switches are plain words; anything else would need shell quoting we do not want to guess. */
const word = (w: string): string => {
  if (!/^[A-Za-z0-9_.@:,+-]+$/.test(w)) throw new Error(`not a plain shell word: ${w}`);
  return w;
};
const words = (ws: readonly string[]): string => [...new Set(ws)].map(word).join(" ");

export function renderBash(commands: readonly AnyCommand[]): string {
  const cs = sorted(commands);
  const perCommand = cs
    .filter((c) => (c.switches?.length ?? 0) > 0 || c.columns || c.name === "help")
    .map((c) => `    ${word(c.name)}) opts="${words(commandSwitchWords(c))}"; cols="${c.name === "help" ? "$commands" : words(c.columns?.allowed ?? [])}" ;;`);
  return `# ${GENERATED_NOTE}
# bash completion for warrenctl: source it, or install it as /usr/share/bash-completion/completions/warrenctl
_warrenctl() {
  local cur prev cmd="" i skip=0 opts="" cols=""
  cur="\${COMP_WORDS[COMP_CWORD]}"
  prev="\${COMP_WORDS[COMP_CWORD-1]}"
  local commands="${words(cs.map((c) => c.name))}"
  local globals="${words(globalOptionWords())}"
  # the command is the first word that is neither an option nor an option's value
  for ((i = 1; i < COMP_CWORD; i++)); do
    if ((skip)); then skip=0; continue; fi
    case "\${COMP_WORDS[i]}" in
      ${valueTakingWords(commands).map(word).join("|")}) skip=1 ;;
      -*) ;;
      *) cmd="\${COMP_WORDS[i]}"; break ;;
    esac
  done
  case "$prev" in
    --formatter) COMPREPLY=($(compgen -W "${words(FORMATTERS)}" -- "$cur")); return ;;
    --cacert) COMPREPLY=($(compgen -f -- "$cur")); return ;;
    ${valueTakingWords(commands).filter((w) => w !== "--formatter" && w !== "--cacert").map(word).join("|")}) return ;;
  esac
  if [[ -z "$cmd" ]]; then
    if [[ "$cur" == -* ]]; then COMPREPLY=($(compgen -W "$globals" -- "$cur")); else COMPREPLY=($(compgen -W "$commands" -- "$cur")); fi
    return
  fi
  case "$cmd" in
${perCommand.join("\n")}
  esac
  if [[ "$cur" == -* ]]; then COMPREPLY=($(compgen -W "$globals $opts" -- "$cur")); else COMPREPLY=($(compgen -W "$cols" -- "$cur")); fi
}
complete -F _warrenctl warrenctl
`;
}

/** zsh's single-quoted string: ' closes, so it is written as '\\''. */
const zq = (s: string): string => `'${s.replace(/'/g, "'\\''")}'`;

export function renderZsh(commands: readonly AnyCommand[]): string {
  const cs = sorted(commands);
  const described = cs.map((c) => `  ${zq(`${c.name}:${c.description.replace(/:/g, "\\:")}`)}`);
  const assoc = (pick: (c: AnyCommand) => string[]): string =>
    cs.filter((c) => pick(c).length > 0).map((c) => `  ${word(c.name)} ${zq(words(pick(c)))}`).join("\n");
  // #compdef must be the first line for compinit to find the file
  return `#compdef warrenctl
# ${GENERATED_NOTE}
# zsh completion for warrenctl: put it on $fpath as _warrenctl, then run compinit

_warrenctl() {
  local -a commands globals
  local -A switches columns
  commands=(
${described.join("\n")}
  )
  globals=(${words(globalOptionWords())})
  switches=(
${assoc(commandSwitchWords)}
  )
  columns=(
${assoc((c) => c.columns?.allowed ?? [])}
  )
  local i cmd= skip=0
  # the command is the first word that is neither an option nor an option's value
  for (( i = 2; i < CURRENT; i++ )); do
    if (( skip )); then skip=0; continue; fi
    case \${words[i]} in
      (${valueTakingWords(commands).map(word).join("|")}) skip=1 ;;
      (-*) ;;
      (*) cmd=\${words[i]}; break ;;
    esac
  done
  case \${words[CURRENT-1]} in
    (--formatter) compadd -- ${words(FORMATTERS)}; return ;;
    (--cacert) _files; return ;;
    (${valueTakingWords(commands).filter((w) => w !== "--formatter" && w !== "--cacert").map(word).join("|")}) return ;;
  esac
  if [[ -z $cmd ]]; then
    if [[ $PREFIX == -* ]]; then compadd -- $globals; else _describe -t commands 'warrenctl command' commands; fi
  elif [[ $PREFIX == -* ]]; then
    compadd -- $globals \${=switches[$cmd]}
  elif [[ $cmd == help ]]; then
    _describe -t commands 'warrenctl command' commands
  else
    compadd -- \${=columns[$cmd]}
  fi
}

if [[ "$funcstack[1]" == _warrenctl ]]; then
  _warrenctl "$@"
else
  compdef _warrenctl warrenctl
fi
`;
}
