#!/usr/bin/env bash
# For machines with Docker: PostgreSQL (pgvector), Redis, migrations, api and worker, with the demo
# tenant and the sandbox on offline defaults. Secrets come from .env (created on first run).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-env.sh
exec docker compose up --build "$@"
