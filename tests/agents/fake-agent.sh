#!/bin/sh
# A stand-in for a local CLI agent (`claude -p`, `codex exec`): the prompt,
# given as the arguments or on stdin, says how to behave. Used by the agent
# process tests, the worker integration test and the agent bench.
#
#   say WORDS…          print WORDS, exit 0
#   json                print text, then a trailing JSON object
#   fenced              print text, then a ```json fenced block
#   fail CODE           print a line to stderr, exit CODE
#   sleep SECONDS       sleep (to run past a timeout)
#   grandchild PIDFILE  start a grandchild that sleeps, write its pid, then sleep
#   leave PIDFILE       start a grandchild that sleeps, write its pid, exit 0 at once
#   secret              print $API_TOKEN on stdout and stderr (must be redacted)
#   big                 print 5 MiB
#   once MARKER         first time: create MARKER and sleep 60; later: print done
#   claude TEXT         print a `claude --output-format json` envelope
#   stdin               the prompt came on stdin: echo it back
#   noop                exit 0 silently
#   verdict good|bad [--schema-file FILE]
#                       say what schema arrived (FILE's text, or the prompt
#                       asking for one), then a verdict that matches the
#                       tests' schema (good) or does not (bad)
#   judge …             an escalation's agent: echo what it was given, then
#                       a verdict asking for a notification if the data
#                       says "drop", and one that does not otherwise
#   mcpconfig [--mcp-config FILE]
#                       say whether an MCP configuration arrived (FILE's
#                       mode, path and text, its token's SHA-256) and what
#                       HEARTH_RUN_TOKEN the agent itself sees
#   structured [--json-schema SCHEMA]
#                       a `claude --json-schema` envelope: structured_output
#                       says whether a schema was given
set -u
# Words of the prompt are not file name patterns.
set -f
# The prompt arrives as the first argument (the profile's "{prompt}"),
# followed by any schema arguments, or on stdin; its words are the
# instructions.
if [ "$#" -eq 0 ]; then
    set -- $(cat)
else
    prompt="$1"
    shift
    set -- $prompt "$@"
fi
command="$1"
shift
case "$command" in
say)
    echo "$@"
    ;;
json)
    echo "Checked the page; the price dropped."
    printf '{"price": 42, "currency": "EUR"}\n'
    ;;
fenced)
    echo "Here is the summary:"
    echo '```json'
    echo '{"issues": ["#1", "#2"]}'
    echo '```'
    ;;
fail)
    echo "working on it"
    echo "something broke badly" >&2
    exit "$1"
    ;;
sleep)
    echo "sleeping $1 s" >&2
    sleep "$1"
    ;;
grandchild)
    sleep 1000 &
    echo $! > "$1"
    echo "grandchild started" >&2
    sleep 1000
    ;;
leave)
    sleep 1000 &
    echo $! > "$1"
    echo "left a grandchild behind"
    ;;
secret)
    echo "the token is ${API_TOKEN:-unset}"
    echo "debug: using ${API_TOKEN:-unset}" >&2
    ;;
big)
    head -c 5242880 /dev/zero | tr '\0' 'x'
    ;;
once)
    if [ -e "$1" ]; then
        echo "done on the second try"
    else
        : > "$1"
        echo "started; this attempt hangs" >&2
        sleep 60
    fi
    ;;
claude)
    printf '{"type":"result","subtype":"success","is_error":false,"result":"%s"}\n' "$*"
    ;;
stdin)
    echo "read from stdin: $*"
    ;;
noop)
    ;;
verdict)
    kind="$1"
    shift
    if [ "${1:-}" = "--schema-file" ]; then
        echo "schema file $2: $(cat "$2")"
    fi
    case "$*" in
    *"JSON Schema"*) echo "asked in words for a schema" ;;
    esac
    if [ "$kind" = good ]; then
        printf '{"notify": true, "title": "Price fell"}\n'
    else
        printf '{"notify": "maybe"}\n'
    fi
    ;;
judge)
    echo "given: $*"
    case "$*" in
    *'"drop"'*) printf '{"notify": true, "title": "Price dropped", "body": "The agent saw the drop.", "level": "warning"}\n' ;;
    *) printf '{"notify": false}\n' ;;
    esac
    ;;
mcpconfig)
    echo "token in the agent's environment: ${HEARTH_RUN_TOKEN:-unset}"
    if [ "${1:-}" = "--mcp-config" ]; then
        echo "mode $(stat -c %a "$2")"
        echo "path $2"
        echo "config $(cat "$2")"
        token=$(sed -n 's/.*"HEARTH_RUN_TOKEN":"\([^"]*\)".*/\1/p' "$2")
        echo "token digest $(printf %s "$token" | sha256sum | cut -c1-64)"
    else
        echo "no mcp config"
    fi
    ;;
structured)
    given=false
    [ "${1:-}" = "--json-schema" ] && [ -n "${2:-}" ] && given=true
    printf '{"type":"result","is_error":false,"result":"done","structured_output":{"schema_given":%s}}\n' "$given"
    ;;
*)
    echo "fake-agent: unknown prompt $command" >&2
    exit 64
    ;;
esac
