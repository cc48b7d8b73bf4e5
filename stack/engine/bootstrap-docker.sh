#!/usr/bin/env bash
# Makes sure a Docker engine answers on /var/run/docker.sock. Idempotent: does only what is missing.
#   1. installs Debian's docker.io and debootstrap when absent (needs root and apt),
#   2. starts dockerd in the background when no engine answers,
#   3. waits (with a timeout) until `docker info` answers.
# Elsewhere (not root, no apt) it says in one line what to do and exits non-zero.
set -euo pipefail

WAIT_SECONDS="${ONYX_DOCKERD_WAIT_SECONDS:-60}"
LOG="${ONYX_DOCKERD_LOG:-/var/log/onyx-dockerd.log}"

say() { printf '[docker-bootstrap] %s\n' "$*"; }

if [[ "${ONYX_SKIP_STACK:-}" == "1" ]]; then
  say "ONYX_SKIP_STACK=1: not checking the engine (stack checks will be NOT VERIFIED)"
  exit 0
fi

engine_answers() { timeout 5 docker info >/dev/null 2>&1; }

# Debian's docker-compose (1.29) brings up the rendered stack/generated/docker-compose.monitoring.yml
# in the compose suites. Without it those checks are NOT VERIFIED, so its absence is not fatal.
ensure_compose() {
  if command -v docker-compose >/dev/null 2>&1; then return 0; fi
  if [[ $(id -u) -ne 0 ]] || ! command -v apt-get >/dev/null 2>&1; then
    say "docker-compose missing (the Compose checks will be NOT VERIFIED): 'sudo apt-get install docker-compose'"
    return 0
  fi
  say "installing docker-compose from Debian (apt-get, about 30 s)..."
  export DEBIAN_FRONTEND=noninteractive
  { apt-get update -q 2>&1 | sed 's/^/[apt] /' | tail -n 3; } || true
  apt-get install -y -q --no-install-recommends docker-compose 2>&1 | grep -E '^(Setting up docker-compose|E:)' | sed 's/^/[apt] /' || true
  if command -v docker-compose >/dev/null 2>&1; then
    say "docker-compose $(docker-compose version --short 2>/dev/null) installed"
  else
    say "installing docker-compose failed (the Compose checks will be NOT VERIFIED)"
  fi
}
ensure_compose

if command -v docker >/dev/null 2>&1 && engine_answers; then
  say "engine already running ($(docker version --format '{{.Server.Version}}' 2>/dev/null))"
  exit 0
fi

need_pkgs=()
command -v dockerd >/dev/null 2>&1 || need_pkgs+=(docker.io)
command -v debootstrap >/dev/null 2>&1 || need_pkgs+=(debootstrap)

if ((${#need_pkgs[@]})); then
  if [[ $(id -u) -ne 0 ]] || ! command -v apt-get >/dev/null 2>&1; then
    say "missing ${need_pkgs[*]}: install Docker Engine and debootstrap (Debian: 'sudo apt-get install docker.io debootstrap') and start dockerd"
    exit 1
  fi
  say "installing ${need_pkgs[*]} from Debian (apt-get, about a minute)..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q 2>&1 | sed 's/^/[apt] /' | tail -n 3
  apt-get install -y -q --no-install-recommends "${need_pkgs[@]}" iptables ca-certificates 2>&1 \
    | grep -E '^(Setting up|E:)' | sed 's/^/[apt] /'
fi

if ! pgrep -x dockerd >/dev/null 2>&1; then
  if [[ $(id -u) -ne 0 ]]; then
    say "dockerd is not running: start it as root ('sudo dockerd &' or 'sudo systemctl start docker')"
    exit 1
  fi
  say "starting dockerd (log: $LOG)"
  # setsid + nohup: the engine must outlive the shell that started it (CI runs npm test after us).
  setsid nohup dockerd >>"$LOG" 2>&1 </dev/null &
fi

for ((i = 0; i < WAIT_SECONDS; i++)); do
  if engine_answers; then
    say "engine ready after ${i}s ($(docker version --format '{{.Server.Version}}' 2>/dev/null))"
    exit 0
  fi
  ((i % 10 == 9)) && say "still waiting for the engine on /var/run/docker.sock ($((WAIT_SECONDS - i - 1))s left)"
  sleep 1
done
say "dockerd did not answer within ${WAIT_SECONDS}s; see $LOG"
tail -n 20 "$LOG" >&2 || true
exit 1
