#!/usr/bin/env bash
# Memory of a running dev stack: RSS and PSS of every process (the dev stack's JVM with the broker and
# the pipeline, api-service, workers, and every PostgreSQL process), and heap and metaspace of each JVM.
#
#   scripts/measure-memory.sh [--data-dir DIR] [--walk-through]
#
# --data-dir      the stack's data directory (default ./.docpipe-data, as scripts/dev-stack.sh)
# --walk-through  first run the README's walk-through against the stack (upload, SCANNED, confirm-scan,
#                 EXTRACTED, text, review, validate), then measure
#
# RSS counts a page once per process that maps it, so PostgreSQL's shared buffers count once per backend;
# PSS divides each shared page among the processes that map it: the PSS total is what the stack costs the
# machine, the RSS total an upper bound. Heap figures come from `jcmd <pid> GC.heap_info` (the jcmd beside
# each process's own java). Linux only (/proc).
set -euo pipefail
cd "$(dirname "$0")/.."

data=./.docpipe-data
walk=0
while [ $# -gt 0 ]; do
  case "$1" in
    --data-dir) data=$2; shift 2 ;;
    --walk-through) walk=1; shift ;;
    -h|--help) sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown option: $1 (see --help)" >&2; exit 2 ;;
  esac
done
[ -d "$data/run" ] || { echo "!! no running dev stack in $data (no $data/run)" >&2; exit 1; }

# --- the README's walk-through ----------------------------------------------------------------
walk_through() {
  [ -f "$data/dev-stack.env" ] || { echo "!! $data/dev-stack.env missing: is the stack ready?" >&2; exit 1; }
  # shellcheck disable=SC1091
  . "$data/dev-stack.env"
  local auth="Authorization: Bearer $TOKEN" doc url etag=none deadline=$(($(date +%s) + 300)) body
  body=$(mktemp)
  doc=$(curl -sS -H "$auth" -F "file=@$SAMPLE_PDF;type=application/pdf" "$API/children/$CHILD/documents" |
    sed -E 's/.*"documentId":"([^"]+)".*/\1/')
  url="$API/children/$CHILD/documents/$doc"
  await() {
    until grep -qs "\"state\":\"$1\"" "$body"; do
      [ "$(date +%s)" -lt "$deadline" ] || { echo "!! $doc not $1 in time: $(cat "$body")" >&2; exit 1; }
      etag=$(curl -sS -o "$body" -w '%header{etag}' -H "$auth" -H "If-None-Match: $etag" -H 'Prefer: wait=30' "$url")
    done
  }
  await SCANNED
  curl -sS -o /dev/null -X POST -H "$auth" "$url/confirm-scan"
  curl -sS -o /dev/null -X POST -H "$auth" "$url/confirm-scan"
  await EXTRACTED
  curl -sS -o /dev/null -H "$auth" "$url/text"
  curl -sS -o /dev/null -X PATCH -H "$auth" -H 'Content-Type: application/json' \
    -d '{"expectedReviewVersion":0,"patch":{"title":"Report card","tags":["school"]}}' "$url/review"
  curl -sS -o /dev/null -X POST -H "$auth" -H 'Content-Type: application/json' \
    -d '{"expectedReviewVersion":1}' "$url/validate"
  await VALIDATED
  rm -f "$body"
  echo "walk-through done: document $doc VALIDATED"
}
[ "$walk" = 1 ] && walk_through

# --- the processes -------------------------------------------------------------------------------
kib() { sed -n "s/^$2:[[:space:]]*\([0-9]*\) kB/\1/p" "$1" 2>/dev/null | head -n1; }
mib() { awk -v k="${1:-0}" 'BEGIN { printf "%.0f", k / 1024 }'; }

# heap PID: "used committed max metaspace-committed" (MiB) from jcmd GC.heap_info, VM.metaspace, VM.flags
heap() {
  local pid=$1 jcmd info meta flags
  jcmd="$(dirname "$(readlink "/proc/$pid/exe")")/jcmd"
  [ -x "$jcmd" ] || { echo "- - - -"; return; }
  info=$("$jcmd" "$pid" GC.heap_info 2>/dev/null) || { echo "- - - -"; return; }
  meta=$("$jcmd" "$pid" VM.metaspace basic 2>/dev/null | grep -m1 '^ *Metaspace' || true)
  flags=$("$jcmd" "$pid" VM.flags 2>/dev/null | tr ' ' '\n' | sed -n 's/^-XX:MaxHeapSize=//p')
  printf '%s\n%s\n' "$info" "$meta" | awk -v max="${flags:-0}" '
    function k(v) { v = tolower(v); n = v + 0; if (v ~ /m,?$/) n *= 1024; if (v ~ /g,?$/) n *= 1048576; return n }
    # "Metaspace used 74919K, committed 76032K, reserved 1114112K"
    /^ *Metaspace/ { for (i = 1; i <= NF; i++) if ($i == "committed") meta = k($(i + 1)); next }
    # G1 (JDK 25): "garbage-first heap total reserved 6172672K, committed 315392K, used 196969K [...]"
    / committed [0-9]+K, used / { for (i = 1; i <= NF; i++) { if ($i == "committed") committed += k($(i + 1)); if ($i == "used") used += k($(i + 1)) }; next }
    # Serial, Parallel, G1 before JDK 25: "<generation> total 116224K, used 88781K [...]", one line per generation
    / total [0-9]+K, used [0-9]+K/ { for (i = 1; i <= NF; i++) { if ($i == "total") committed += k($(i + 1)); if ($i == "used") used += k($(i + 1)) }; next }
    # ZGC: " ZHeap used 48M, capacity 96M, max capacity 6144M"
    /ZHeap/ { for (i = 1; i <= NF; i++) { if ($i == "used") used = k($(i + 1)); if ($i == "capacity" && $(i - 1) != "max") committed = k($(i + 1)) } }
    END { printf "%.0f %.0f %.0f %.0f\n", used / 1024, committed / 1024, max / 1048576, meta / 1024 }'
}

rows=()
add() { # add NAME PID
  local name=$1 pid=$2 rss pss
  [ -r "/proc/$pid/status" ] || return 0
  rss=$(kib "/proc/$pid/status" VmRSS)
  pss=$(kib "/proc/$pid/smaps_rollup" Pss)
  rows+=("$name|$pid|${rss:-0}|${pss:-0}")
}

children=()
for f in "$data"/run/*.pid; do
  [ -f "$f" ] || continue
  pid=$(head -n1 "$f")
  [ -d "/proc/$pid" ] && children+=("$(basename "$f" .pid):$pid")
done
stack=""
if [ ${#children[@]} -gt 0 ]; then
  stack=$(ps -o ppid= -p "${children[0]#*:}" | tr -d ' ')
else # --pipeline-only or --infra-only: no children; the dev-stack JVM whose broker has this data directory open
  kafka_dir=$(cd "$data/kafka" 2>/dev/null && pwd -P || true)
  for pid in $(pgrep -f "dev-stack.jar" || true); do
    if [ -n "$kafka_dir" ] && ls -l "/proc/$pid/fd" 2>/dev/null | grep -qF "$kafka_dir/"; then stack=$pid; break; fi
  done
fi
[ -n "$stack" ] || { echo "!! no dev stack is running with its data in $data" >&2; exit 1; }
add "dev-stack (broker, pipeline)" "$stack"
for c in ${children[@]+"${children[@]}"}; do add "${c%%:*}" "${c#*:}"; done
# PostgreSQL: the postmaster with its helper processes, and the client backends (one per pooled connection)
pg_row() { # pg_row NAME PID...: one row summing the processes
  local name=$1 pid rss=0 pss=0 n=0 r p; shift
  for pid in "$@"; do
    r=$(kib "/proc/$pid/status" VmRSS); p=$(kib "/proc/$pid/smaps_rollup" Pss)
    rss=$((rss + ${r:-0})); pss=$((pss + ${p:-0})); n=$((n + 1))
  done
  rows+=("$name ($n)|${1:-}|$rss|$pss")
}
if [ -f "$data/postgres/postmaster.pid" ]; then
  pm=$(head -n1 "$data/postgres/postmaster.pid")
  server=("$pm") backends=()
  for pid in $(ps -o pid= --ppid "$pm"); do
    # a client backend's title is "postgres: <user> <database> <host(port)> <state>"; helpers name their role
    if ps -o args= -p "$pid" | grep -Eq '^postgres: [^ ]+ [^ ]+ [0-9.:a-f]+\('; then backends+=("$pid"); else server+=("$pid"); fi
  done
  pg_row "postgres server processes" "${server[@]}"
  [ ${#backends[@]} -gt 0 ] && pg_row "postgres client backends" "${backends[@]}"
fi

printf '%-32s %8s %8s %8s %10s %10s %9s %9s\n' process pid "RSS MiB" "PSS MiB" "heap used" "committed" "heap max" metaspace
total_rss=0 total_pss=0 pg_rss=0 pg_pss=0
for row in "${rows[@]}"; do
  IFS='|' read -r name pid rss pss <<<"$row"
  h="- - - -"
  case "$name" in postgres*) pg_rss=$((pg_rss + rss)); pg_pss=$((pg_pss + pss)) ;; *) h=$(heap "$pid") ;; esac
  read -r used committed max meta <<<"$h"
  printf '%-32s %8s %8s %8s %10s %10s %9s %9s\n' "$name" "$pid" "$(mib "$rss")" "$(mib "$pss")" "$used" "$committed" "$max" "$meta"
  total_rss=$((total_rss + rss)); total_pss=$((total_pss + pss))
done
printf '%-32s %8s %8s %8s\n' "postgres, all processes" "" "$(mib "$pg_rss")" "$(mib "$pg_pss")"
printf '%-32s %8s %8s %8s\n' "TOTAL" "" "$(mib "$total_rss")" "$(mib "$total_pss")"
