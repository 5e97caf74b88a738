package io.jrunc.cli.docs;

import java.util.List;
import picocli.AutoComplete;
import picocli.CommandLine;

/**
 * The bash completion script: picocli's AutoComplete for the commands and their flags, wrapped so
 * that the container id of the commands on an existing container completes from `jrunc list -q`.
 * That is one JVM start (~0.1 s with the AOT cache), cheap enough for a tab press; it honours a
 * --root given earlier on the line, and prints nothing when the state directory is unreadable.
 */
final class CompletionScript {
    private CompletionScript() {}

    /** The commands whose first argument is an existing container (not create and run: they name a new one). */
    static final List<String> ON_A_CONTAINER =
            List.of("start", "state", "kill", "delete", "pause", "resume", "ps", "events", "update", "exec");

    static String bash(CommandLine top) {
        String picocli = AutoComplete.bash("jrunc", top);
        return picocli + """

                # jrunc: the container id of %s completes from `jrunc list -q`.
                _jrunc_complete_ids() {
                  local i word cmd= root= nargs=0 cur=${COMP_WORDS[COMP_CWORD]}
                  for ((i = 1; i < COMP_CWORD; i++)); do
                    word=${COMP_WORDS[i]}
                    if [[ -z $cmd ]]; then
                      case $word in
                        --root) root=${COMP_WORDS[i+1]}; ((i++)) ;;
                        --root=*) root=${word#--root=} ;;
                        --log|--log-format) ((i++)) ;;
                        -*) ;;
                        *) cmd=$word ;;
                      esac
                    elif [[ $word != -* ]]; then
                      ((nargs++))
                    fi
                  done
                  if [[ $cur != -* && $nargs -eq 0 && " %s " == *" $cmd "* ]]; then
                    local ids
                    ids=$("${COMP_WORDS[0]}" ${root:+--root "$root"} list -q 2>/dev/null)
                    COMPREPLY=( $(compgen -W "$ids" -- "$cur") )
                    return 0
                  fi
                  _complete_jrunc "$@"
                }
                complete -F _jrunc_complete_ids -o default jrunc
                """.formatted(String.join(", ", ON_A_CONTAINER), String.join(" ", ON_A_CONTAINER));
    }
}
