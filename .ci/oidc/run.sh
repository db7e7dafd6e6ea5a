#!/usr/bin/env bash
# ropagraph against a real OAuth 2.0 / OpenID Connect authorization server
# (oidc-provider, npm) on loopback: installs the pinned npm packages, starts
# three providers and ropagraph (a fresh SQLite database), runs test.mjs, and
# stops everything on exit. Builds nothing.
#
# Usage: .ci/oidc/run.sh [PATH_TO_ROPAGRAPH]
#   default: ${CARGO_TARGET_DIR:-target}/debug/ropagraph (from the repository root)
# Ports (loopback; a busy one is replaced by a free one):
#   ROPAGRAPH_PORT=18801 OIDC_PORT=18802 OIDC_IMPOSTOR_PORT=18803 OIDC_ROGUE_PORT=18804
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
cd "$root"

bin=${1:-${CARGO_TARGET_DIR:-target}/debug/ropagraph}
case $bin in /*) ;; *) bin="$root/$bin" ;; esac
if [ ! -x "$bin" ]; then
  echo "oidc: no ropagraph binary at $bin (build it with: cargo build --bin ropagraph)" >&2
  exit 2
fi

# Loopback traffic must never go through a proxy (reqwest honours *_PROXY).
export NO_PROXY="127.0.0.1,localhost${NO_PROXY:+,$NO_PROXY}"
export no_proxy="$NO_PROXY"

work=$(mktemp -d "${TMPDIR:-/tmp}/ropagraph-oidc.XXXXXX")
pids=()
status=1
cleanup() {
  local pid
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  if [ "$status" -ne 0 ]; then
    for log in "$work"/*.log; do
      [ -e "$log" ] || continue
      echo "----- $(basename "$log") -----" >&2
      tail -n 200 "$log" >&2
    done
  fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

(cd "$here" && npm ci --no-audit --no-fund --loglevel=error >"$work/npm.log" 2>&1) || {
  echo "oidc: npm ci failed" >&2
  exit 1
}

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
free_port() {
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close();});'
}
pick_port() { if port_free "$1"; then echo "$1"; else free_port; fi; }

wait_for() { # URL WHAT PID
  local _
  for _ in $(seq 1 100); do
    curl -fsS -o /dev/null "$1" 2>/dev/null && return 0
    kill -0 "$3" 2>/dev/null || { echo "oidc: $2 exited at start" >&2; return 1; }
    sleep 0.1
  done
  echo "oidc: $2 did not answer at $1" >&2
  return 1
}

start_provider() { # NAME PORT KEYS
  node "$here/provider.mjs" --port "$2" --keys "$3" >"$work/$1.log" 2>&1 &
  pids+=($!)
  wait_for "http://127.0.0.1:$2/.well-known/openid-configuration" "provider $1" "$!"
}

oidc_port=$(pick_port "${OIDC_PORT:-18802}")
start_provider provider "$oidc_port" "$work/keys.json"
# Another issuer with its own key, and another issuer signing with the
# trusted issuer's key (same file: same key, same kid).
impostor_port=$(pick_port "${OIDC_IMPOSTOR_PORT:-18803}")
start_provider impostor "$impostor_port" "$work/impostor-keys.json"
rogue_port=$(pick_port "${OIDC_ROGUE_PORT:-18804}")
start_provider rogue "$rogue_port" "$work/keys.json"

issuer="http://127.0.0.1:$oidc_port"
introspection=$(curl -fsS "$issuer/.well-known/openid-configuration" |
  node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).introspection_endpoint))')
read -r introspector_id introspector_secret < <(cd "$here" &&
  node -e 'import("./clients.mjs").then(({INTROSPECTOR:i})=>console.log(i.id, i.secret))')

api_port=$(pick_port "${ROPAGRAPH_PORT:-18801}")
# Only the flags below configure the server: no stray ROPAGRAPH_* settings.
env -u ROPAGRAPH_ADMIN_TOKEN -u ROPAGRAPH_OIDC_ISSUER -u ROPAGRAPH_OIDC_AUDIENCE \
  -u ROPAGRAPH_INTROSPECTION_URL -u ROPAGRAPH_INTROSPECTION_CLIENT_ID \
  -u ROPAGRAPH_INTROSPECTION_CLIENT_SECRET -u ROPAGRAPH_CONTROLLERS_CLAIM -u DATABASE_URL \
  -u ROPAGRAPH_INTROSPECTION_CACHE_S \
  RUST_LOG="${RUST_LOG:-info,sqlx=warn,sea_orm=warn}" \
  "$bin" serve \
  --listen "127.0.0.1:$api_port" \
  --database-url "sqlite://$work/ropagraph.db" \
  --oidc-issuer "$issuer" \
  --oidc-audience ropagraph-api \
  --introspection-url "$introspection" \
  --introspection-client-id "$introspector_id" \
  --introspection-client-secret "$introspector_secret" \
  --introspection-cache-s 2 \
  >"$work/ropagraph.log" 2>&1 &
pids+=($!)
wait_for "http://127.0.0.1:$api_port/readyz" ropagraph "$!"

echo "oidc: ropagraph 127.0.0.1:$api_port, issuer $issuer (impostor :$impostor_port, rogue :$rogue_port)"
set +e
(cd "$here" && ROPAGRAPH_URL="http://127.0.0.1:$api_port" OIDC_ISSUER="$issuer" \
  OIDC_IMPOSTOR_ISSUER="http://127.0.0.1:$impostor_port" OIDC_ROGUE_ISSUER="http://127.0.0.1:$rogue_port" \
  timeout 180 node --test-reporter=spec test.mjs)
status=$?
set -e
if [ "$status" -ne 0 ]; then
  echo "oidc: FAILED (exit $status); server logs follow" >&2
fi
exit "$status"
