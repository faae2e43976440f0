#!/usr/bin/env bash
# Writes .env from .env.example with fresh secrets and the demo enabled, unless .env exists.
set -euo pipefail
cd "$(dirname "$0")/.."
[[ -f .env ]] && exit 0

random_hex() { od -An -tx1 -N"$1" /dev/urandom | tr -d ' \n'; }
echo "[env] writing .env with fresh secrets (edit it to add OPENAI_API_KEY or change anything)"
sed -e "s/^JWT_SECRET=.*/JWT_SECRET=$(random_hex 32)/" \
    -e "s/^ENCRYPTION_KEY=.*/ENCRYPTION_KEY=$(random_hex 32)/" \
    -e "s/^ADMIN_PASSWORD=.*/ADMIN_PASSWORD=admin-$(random_hex 6)/" \
    -e "s/^DEMO_SEED=.*/DEMO_SEED=true/" \
    .env.example > .env
chmod 600 .env
