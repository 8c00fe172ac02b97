#!/bin/sh
# A stand-in for `codex exec --json`: records how it was started, reads the prompt from stdin and
# prints the JSONL events the real CLI prints. FAKE_MODE picks the ending.
record="${FAKE_RECORD:?}"
printf '%s\n' "$@" > "$record/args"
cat > "$record/stdin"
printf '%s\n' "${OPENAI_API_KEY:-unset}" > "$record/env"

thread="thread-new-1"
while [ $# -gt 0 ]; do
  case "$1" in
    resume) thread="$2"; shift ;;
  esac
  shift
done

if [ "${FAKE_MODE:-success}" = "unknown" ]; then
  echo "Error: thread/resume failed: no rollout found for thread id $thread" >&2
  exit 1
fi

echo "{\"type\":\"thread.started\",\"thread_id\":\"$thread\"}"
echo '{"type":"turn.started"}'
echo '{"type":"item.completed","item":{"id":"item_0","type":"reasoning","text":"Looking at the assigned issues."}}'
echo '{"type":"item.started","item":{"id":"item_1","type":"command_execution","command":"curl -sS $PAPERCLIP_API_URL/api/agents/me","status":"in_progress"}}'

case "${FAKE_MODE:-success}" in
  fail)
    echo '{"type":"error","message":"Reconnecting... 1/5"}'
    echo '{"type":"turn.failed","error":{"message":"stream disconnected before completion"}}'
    ;;
  *)
    echo '{"type":"item.completed","item":{"id":"item_2","type":"agent_message","text":"Done with ACM-2."}}'
    echo '{"type":"turn.completed","usage":{"input_tokens":5000,"cached_input_tokens":4000,"output_tokens":300}}'
    ;;
esac
exit 0
