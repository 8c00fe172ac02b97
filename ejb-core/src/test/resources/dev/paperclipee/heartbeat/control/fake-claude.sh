#!/bin/sh
# A stand-in for Claude Code in print mode: records how it was started, reads the prompt from
# stdin and prints the stream-json events the real CLI prints. FAKE_MODE picks the ending.
record="${FAKE_RECORD:?}"
printf '%s\n' "$@" > "$record/args"
cat > "$record/stdin"
printf '%s\n' "${ANTHROPIC_API_KEY:-unset}" "${SERVER_ONLY_SECRET:-unset}" > "$record/env"

session="sess-new-1"
while [ $# -gt 0 ]; do
  case "$1" in
    --resume) session="$2"; shift ;;
    --append-system-prompt-file) head -n 2 "$2" > "$record/system-prompt" ;;
    --add-dir) ls "$2/paperclip" > "$record/skills" ;;
  esac
  shift
done

if [ "${FAKE_MODE:-success}" = "unknown" ]; then
  echo "No conversation found with session ID: $session" >&2
  exit 1
fi
if [ "${FAKE_MODE:-success}" = "crash" ]; then
  echo "TypeError: cannot read properties of undefined" >&2
  exit 2
fi

echo "{\"type\":\"system\",\"subtype\":\"init\",\"cwd\":\"$PWD\",\"session_id\":\"$session\",\"tools\":[\"Bash\",\"Read\"],\"model\":\"claude-sonnet-4-5-20250929\",\"permissionMode\":\"default\"}"
echo "{\"type\":\"assistant\",\"message\":{\"model\":\"claude-sonnet-4-5-20250929\",\"content\":[{\"type\":\"text\",\"text\":\"Checking my assignments with key $PAPERCLIP_API_KEY\"}]},\"session_id\":\"$session\"}"

case "${FAKE_MODE:-success}" in
  slow)
    exec sleep 30
    ;;
  error)
    echo "{\"type\":\"result\",\"subtype\":\"error_max_turns\",\"is_error\":true,\"duration_ms\":900,\"num_turns\":2,\"result\":\"Reached the maximum number of turns\",\"session_id\":\"$session\",\"total_cost_usd\":0.0213,\"usage\":{\"input_tokens\":10,\"cache_creation_input_tokens\":0,\"cache_read_input_tokens\":50,\"output_tokens\":20}}"
    ;;
  *)
    echo "{\"type\":\"result\",\"subtype\":\"success\",\"is_error\":false,\"duration_ms\":1234,\"num_turns\":3,\"result\":\"Done: ACM-1 moved to in_review.\",\"session_id\":\"$session\",\"total_cost_usd\":0.1234,\"usage\":{\"input_tokens\":12,\"cache_creation_input_tokens\":100,\"cache_read_input_tokens\":2000,\"output_tokens\":345,\"service_tier\":\"standard\"}}"
    ;;
esac
exit 0
