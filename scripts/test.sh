#!/usr/bin/env bash
# Sets up what the tests need (PostgreSQL with pgvector, Redis, Chromium, node_modules, the build) and runs
# every test: unit specs and e2e tests against real PostgreSQL and Redis, with local HTTP
# stand-ins for Twilio and OpenAI. Extra arguments go to jest (e.g. a test path).
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh
echo "[test] installing dependencies"
npm install --no-audit --no-fund --loglevel=error
echo "[test] building (the e2e suite also runs the built service as separate processes, and the browser test loads the pages from dist/web)"
npm run build --silent

mkdir -p .tmp
started=$(date +%s)
status=0
npx jest --ci --runInBand --json --outputFile=.tmp/jest-results.json "$@" || status=$?
elapsed=$(( $(date +%s) - started ))

node -e '
  const r = require("./.tmp/jest-results.json");
  console.log(`[test] jest finished in '"$elapsed"' s`);
  console.log(`${r.numPassedTests} passed, ${r.numFailedTests} failed`);
' || true
exit "$status"
