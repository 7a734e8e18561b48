#!/usr/bin/env bash
# README command 1: install what is missing, build the page, serve it on http://127.0.0.1:8080.
# The demo statements are in the page ("试用示例数据" button), served from /demo/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH" TRUNK_SKIP_VERSION_CHECK=true
trunk build --release
port="${PORT:-8080}"
echo "posrecon: serving http://127.0.0.1:$port/ (Ctrl+C to stop)"
exec python3 -m http.server "$port" --bind 127.0.0.1 --directory dist
