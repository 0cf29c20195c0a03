#!/usr/bin/env bash
# End-to-end smoke test of the dev stack, over HTTP on 127.0.0.1 only, bounded in time.
#
#   scripts/smoke-test.sh [--no-build]      (--no-build: use the jars ./mvnw verify just built)
#
# 1. starts the stack as the README does (scripts/dev-stack.sh, here with a scratch data dir and free
#    ports) without workers, uploads the sample PDF (202), sees it wait in SCAN_PENDING, and kills the
#    stack with SIGKILL;
# 2. starts it again with workers: the same dev token still works, the document is still there, its
#    pending scan job is picked up (SCANNED); confirm-scan 202, again 200; EXTRACTED; GET text 200 with
#    the sample's words; PATCH review 200; validate 200; VALIDATED;
# 3. stops it with SIGTERM and checks that it exits and leaves no process behind.
#
# Every status code and the final state are checked. SMOKE_TIMEOUT (seconds, default 300) bounds
# steps 1-3; the build before them is not counted.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

build=1
[ "${1:-}" = "--no-build" ] && build=0
TIMEOUT=${SMOKE_TIMEOUT:-300}

fail() { echo "!! SMOKE TEST FAILED: $*" >&2; exit 1; }
step() { echo "== [$(( $(date +%s) - T0 ))s] $*"; }

# --- prerequisites: the services the walk-through needs must be in this checkout -------------------
missing=()
for module in pipeline-streams api-service workers dev-stack; do
  if [ ! -f "$module/pom.xml" ]; then
    missing+=("$module (no $module/pom.xml)")
  elif ! grep -q "<module>$module</module>" pom.xml; then
    missing+=("$module (not listed in the root pom.xml <modules>)")
  fi
done
command -v curl >/dev/null || missing+=("curl (apt-get install curl)")
if [ ${#missing[@]} -gt 0 ]; then
  echo "!! the smoke test needs the whole pipeline; missing:" >&2
  printf '   - %s\n' "${missing[@]}" >&2
  echo "   (what runs without them: scripts/dev-stack.sh --infra-only or --pipeline-only)" >&2
  exit 1
fi

if [ "$build" = 1 ]; then
  echo "== building (./mvnw -q package -DskipTests -pl dev-stack,api-service,workers -am)"
  ./mvnw -q -B -DskipTests package -pl dev-stack,api-service,workers -am
fi

T0=$(date +%s)
DEADLINE=$((T0 + TIMEOUT))
DATA=$(mktemp -d "${TMPDIR:-/tmp}/docpipe-smoke.XXXXXX")
OUT="$DATA/dev-stack.out"
STACK_PID=""
PASSED=0

# --- the stack ------------------------------------------------------------------------------------
start_stack() { # args: extra dev-stack options
  rm -f "$DATA/dev-stack.env"
  "$ROOT/scripts/dev-stack.sh" --no-build --data-dir "$DATA" --kafka-port 0 --pg-port 0 --api-port 0 "$@" \
    >>"$OUT" 2>&1 &
  STACK_PID=$!
  # dev-stack.env appears once everything is ready (the stack deletes it at start, writes it last).
  until [ -f "$DATA/dev-stack.env" ]; do
    kill -0 "$STACK_PID" 2>/dev/null || fail "the dev stack exited during start (see above)"
    [ "$(date +%s)" -lt "$DEADLINE" ] || fail "the dev stack was not ready within ${TIMEOUT}s"
    sleep 1
  done
  # shellcheck disable=SC1091
  . "$DATA/dev-stack.env"
  case "$API" in http://127.0.0.1:*) ;; *) fail "API is not on 127.0.0.1: $API" ;; esac
}

stop_stack() { # SIGTERM, then SIGKILL after 60 s; sets STOP_CODE
  local waited=0
  STOP_CODE=0
  kill -TERM "$STACK_PID" 2>/dev/null || true
  while kill -0 "$STACK_PID" 2>/dev/null && [ $waited -lt 60 ]; do sleep 1; waited=$((waited + 1)); done
  if kill -0 "$STACK_PID" 2>/dev/null; then kill -KILL "$STACK_PID" 2>/dev/null || true; fi
  wait "$STACK_PID" 2>/dev/null || STOP_CODE=$?
}

# Child JVMs and PostgreSQL outlive a SIGKILLed stack; the next start stops them, and so does this.
reap_leftovers() {
  local f pid
  for f in "$DATA"/run/*.pid; do
    [ -f "$f" ] || continue
    pid=$(head -n1 "$f"); kill -KILL "$pid" 2>/dev/null || true
  done
  if [ -f "$DATA/postgres/postmaster.pid" ]; then
    pid=$(head -n1 "$DATA/postgres/postmaster.pid"); kill -INT "$pid" 2>/dev/null || true
  fi
}

cleanup() {
  if [ -n "$STACK_PID" ] && kill -0 "$STACK_PID" 2>/dev/null; then stop_stack; fi
  reap_leftovers
  if [ "$PASSED" = 1 ]; then
    echo "---- start-up times ----"
    grep -E "ready in|stopping pid|stopping the PostgreSQL" "$OUT" || true
    rm -rf "$DATA"
  else
    echo "---- last lines of the dev stack's output ($OUT) ----" >&2
    tail -n 40 "$OUT" >&2 2>/dev/null || true
    for log in api-service workers; do
      echo "---- last lines of $DATA/logs/$log.log ----" >&2
      tail -n 30 "$DATA/logs/$log.log" >&2 2>/dev/null || true
    done
    echo "(data, logs and output kept in $DATA)" >&2
  fi
}
trap cleanup EXIT

# --- HTTP ---------------------------------------------------------------------------------------
# http METHOD PATH [curl args...]: sets STATUS, BODY, LOCATION. PATH is below $API or absolute (/api/...).
http() {
  local method=$1 path=$2; shift 2
  local url
  case "$path" in /api/*) url="${API%/api/v1}$path" ;; *) url="$API$path" ;; esac
  STATUS=$(curl -sS --max-time 30 -X "$method" -H "Authorization: Bearer $TOKEN" \
    -D "$DATA/headers" -o "$DATA/body" -w '%{http_code}' "$@" "$url") || STATUS=000
  BODY=$(cat "$DATA/body" 2>/dev/null || true)
  LOCATION=$(tr -d '\r' <"$DATA/headers" | sed -n 's/^[Ll]ocation: *//p' | tail -n1)
}
field() { # field NAME: a string or number field of $BODY (flat JSON is enough here)
  printf '%s' "$BODY" | sed -nE "s/.*\"$1\":\"?([^\",}]*)\"?.*/\1/p" | head -n1
}
expect_status() { [ "$STATUS" = "$1" ] || fail "$2: expected HTTP $1, got $STATUS: $BODY"; }

# send_command METHOD PATH HTTP OUTCOME [curl args]: a command, answered directly (HTTP, outcome status) or,
# when its outcome took longer than the API waits, 202 PENDING + Location: then followed to its outcome.
send_command() {
  local method=$1 path=$2 want_http=$3 want_outcome=$4; shift 4
  http "$method" "$path" "$@"
  if [ "$STATUS" = 202 ] && [ "$(field status)" = PENDING ]; then
    local loc=$LOCATION
    until http GET "$loc"; [ "$STATUS" = 200 ]; do
      [ "$(date +%s)" -lt "$DEADLINE" ] || fail "$method $path: outcome still pending"
      sleep 1
    done
  else
    expect_status "$want_http" "$method $path"
  fi
  [ "$(field status)" = "$want_outcome" ] || fail "$method $path: expected outcome $want_outcome: $BODY"
}

await_state() { # await_state STATE
  until http GET "$DOC"; [ "$STATUS" = 200 ] && [ "$(field state)" = "$1" ]; do
    case "$(field state)" in SCAN_FAILED|OCR_FAILED) fail "document went to $(field state): $BODY" ;; esac
    [ "$(date +%s)" -lt "$DEADLINE" ] || fail "document not $1 in time; last: $STATUS $BODY"
    sleep 1
  done
}

# --- 1. without workers: upload, then SIGKILL --------------------------------------------------
step "starting the dev stack without workers (data: $DATA)"
start_stack --no-workers
FIRST_TOKEN=$TOKEN
step "ready: $API"
http POST "/children/$CHILD/documents" -F "file=@$SAMPLE_PDF;type=application/pdf"
expect_status 202 "upload"
DOC_ID=$(field documentId)
[ -n "$DOC_ID" ] || fail "upload answer has no documentId: $BODY"
DOC="/children/$CHILD/documents/$DOC_ID"
sleep 3
http GET "$DOC"
expect_status 200 "GET document"
[ "$(field state)" = SCAN_PENDING ] || fail "without workers the document should wait in SCAN_PENDING: $BODY"
step "uploaded $DOC_ID, waiting in SCAN_PENDING; killing the dev stack (SIGKILL)"
kill -KILL "$STACK_PID"; wait "$STACK_PID" 2>/dev/null || true

# --- 2. restart with workers: everything kept, the pending job resumes -------------------------
step "starting the dev stack again, with workers"
start_stack
[ "$TOKEN" = "$FIRST_TOKEN" ] || fail "the dev account was not kept across the restart"
step "ready again: $API"
http GET "$DOC"
expect_status 200 "GET document after restart"
await_state SCANNED
step "SCANNED (the scan job dispatched before the kill ran after the restart)"
send_command POST "$DOC/confirm-scan" 202 ACCEPTED
send_command POST "$DOC/confirm-scan" 200 ALREADY_DONE
await_state EXTRACTED
REVIEW_VERSION=$(field reviewVersion) # commands name what the document view last read showed
step "EXTRACTED"
http GET "$DOC/text"
expect_status 200 "GET text"
for word in "Docpipe sample school report card" "Mathematics" "fractions"; do
  case "$BODY" in *"$word"*) ;; *) fail "extracted text lacks '$word': $BODY" ;; esac
done
send_command PATCH "$DOC/review" 200 ACCEPTED -H 'Content-Type: application/json' \
  -d "{\"expectedReviewVersion\":$REVIEW_VERSION,\"patch\":{\"title\":\"Report card\",\"tags\":[\"school\"]}}"
http GET "$DOC"
expect_status 200 "GET document after the review"
REVIEW_VERSION=$(field reviewVersion)
send_command POST "$DOC/validate" 200 ACCEPTED -H 'Content-Type: application/json' \
  -d "{\"expectedReviewVersion\":$REVIEW_VERSION}"
await_state VALIDATED
[ "$(field reviewVersion)" = 1 ] || fail "expected reviewVersion 1: $BODY"
[ "$(field title)" = "Report card" ] || fail "review title not kept: $BODY"
step "VALIDATED"

# --- 3. graceful stop ------------------------------------------------------------------------------
stop_stack
case "$STOP_CODE" in 0|143) ;; *) fail "the dev stack exited with $STOP_CODE on SIGTERM" ;; esac
leftover=$(ls "$DATA"/run/*.pid 2>/dev/null || true)
[ -z "$leftover" ] || fail "processes left behind: $leftover"
[ ! -f "$DATA/postgres/postmaster.pid" ] || fail "PostgreSQL still running after the stop"
STACK_PID=""
PASSED=1
step "smoke test passed in $(( $(date +%s) - T0 ))s"
