#!/usr/bin/env bash
# Entry point of `npm start`, `npm test` and `npm run bench`.
# Makes sure a Node >= 22.22 (Node 24 LTS from the npm registry package `node@24` when the
# system one is older) is first on PATH, then hands over to scripts/stack.ts.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUNTIME="$ROOT/.runtime"
NODE_DIR="$RUNTIME/node"

node_is_recent() {
  local bin="$1"
  [ -x "$bin" ] || command -v "$bin" >/dev/null 2>&1 || return 1
  "$bin" -e 'const [a,b]=process.versions.node.split(".").map(Number);process.exit(a>22||(a===22&&b>=22)?0:1)' 2>/dev/null
}

if ! node_is_recent node; then
  if ! node_is_recent "$NODE_DIR/bin/node"; then
    echo "[setup] system Node $(node -v 2>/dev/null || echo none) is older than 22.22: installing Node 24 LTS into .runtime/node"
    mkdir -p "$NODE_DIR"
    npm install --no-save --no-audit --no-fund --loglevel=error --prefix "$NODE_DIR" node@24 >/dev/null
    # The registry package ships the real binary; find it whichever layout this version uses.
    bin=""
    for candidate in "$NODE_DIR/node_modules/node/bin/node" "$NODE_DIR"/node_modules/node/node_modules/node-linux-*/bin/node; do
      if [ -f "$candidate" ] && "$candidate" -v >/dev/null 2>&1; then bin="$candidate"; break; fi
    done
    if [ -z "$bin" ]; then
      echo "[setup] could not install Node 24 from the npm registry; install Node >= 22.22 and retry" >&2
      exit 1
    fi
    mkdir -p "$NODE_DIR/bin"
    ln -sf "$bin" "$NODE_DIR/bin/node"
  fi
  export PATH="$NODE_DIR/bin:$PATH"
fi

exec node "$ROOT/scripts/stack.ts" "$@"
