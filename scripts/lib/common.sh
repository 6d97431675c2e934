# shellcheck shell=bash
# Common helpers for Cairn host scripts. Source it; do not execute it.
#   source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

# Repository root (the directory holding scripts/).
CAIRN_REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export CAIRN_REPO

CAIRN_PROG="$(basename "${0:-cairn}")"

log()  { printf '%s: %s\n' "$CAIRN_PROG" "$*" >&2; }
warn() { printf '%s: warning: %s\n' "$CAIRN_PROG" "$*" >&2; }
die()  { printf '%s: error: %s\n' "$CAIRN_PROG" "$*" >&2; exit 1; }

require_root() {
  [[ ${EUID:-$(id -u)} -eq 0 ]] || die "must run as root"
}

require_cmd() {
  local c
  for c in "$@"; do
    command -v "$c" >/dev/null 2>&1 || die "command '$c' not found; run scripts/setup first"
  done
}

# pid_alive PID: true if PID is a live (non-zombie) process.
pid_alive() {
  local pid=${1:-}
  [[ $pid =~ ^[0-9]+$ ]] || return 1
  [[ -d /proc/$pid ]] || return 1
  local state
  state=$(awk '/^State:/{print $2}' "/proc/$pid/status" 2>/dev/null || true)
  [[ -n $state && $state != Z ]]
}

pid_dead() { ! pid_alive "$1"; }

# read_pid FILE: print the pid stored in FILE if that process is alive.
read_pid() {
  local f=$1 pid
  [[ -r $f ]] || return 1
  pid=$(<"$f")
  pid_alive "$pid" || return 1
  printf '%s\n' "$pid"
}

# wait_until TIMEOUT_S INTERVAL_S CMD...: retry CMD until it succeeds or time runs out.
wait_until() {
  local timeout=$1 interval=$2; shift 2
  local deadline=$((SECONDS + timeout))
  until "$@"; do
    (( SECONDS < deadline )) || return 1
    sleep "$interval"
  done
}

# kill_wait PID [TIMEOUT_S]: SIGTERM, wait, then SIGKILL.
kill_wait() {
  local pid=$1 timeout=${2:-20}
  pid_alive "$pid" || return 0
  kill -TERM "$pid" 2>/dev/null || true
  if ! wait_until "$timeout" 0.2 pid_dead "$pid"; then
    kill -KILL "$pid" 2>/dev/null || true
    wait_until 5 0.1 pid_dead "$pid" || warn "pid $pid survived SIGKILL"
  fi
}

# now_ms: monotonic-ish wall clock in milliseconds (for timings).
now_ms() { date +%s%3N; }

# set_conf FILE KEY VALUE: make FILE contain exactly one active "KEY = VALUE" line
# (replaces the first uncommented KEY line, drops duplicates, appends when missing).
set_conf() {
  local file=$1 key=$2 value=$3 tmp
  [[ -e $file ]] || : >"$file"
  tmp=$(mktemp "${file}.XXXXXX")
  awk -v key="$key" -v line="$key = $value" '
    BEGIN { k = key; gsub(/\./, "\\.", k) }
    $0 ~ "^[ \t]*" k "[ \t]*=" { if (!done) { print line; done = 1 } ; next }
    { print }
    END { if (!done) print line }
  ' "$file" >"$tmp"
  if cmp -s "$tmp" "$file"; then
    rm -f "$tmp"
  else
    chmod --reference="$file" "$tmp" 2>/dev/null || chmod 0644 "$tmp"
    mv -f "$tmp" "$file"
  fi
}
