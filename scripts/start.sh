#!/usr/bin/env bash
# One command from a fresh clone to a running Atende with a demo tenant and the built-in sandbox,
# on offline defaults (no Twilio or OpenAI account needed). Ctrl-C stops it.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh
echo "[start] installing dependencies"
npm install --no-audit --no-fund --loglevel=error

bash scripts/ensure-env.sh
set -a
# shellcheck disable=SC1091
source .env
set +a

node scripts/ensure-database.js
echo "[start] building and applying migrations"
npm run build --silent
npx typeorm migration:run -d dist/src/core/database/data-source.js > .tmp-migrations.log 2>&1 || { cat .tmp-migrations.log; exit 1; }
grep -E "has been executed successfully|No migrations are pending" .tmp-migrations.log || true
rm -f .tmp-migrations.log

# Migrations ran as the owner; the service runs as a member of atende_app so that RLS applies.
app_database_url=$(node scripts/ensure-app-role.js)

port="${PORT:-3000}"
DATABASE_URL="$app_database_url" node dist/src/main.js &
pid=$!
trap 'kill -TERM "$pid" 2>/dev/null; wait "$pid"' INT TERM

for _ in $(seq 1 60); do
  if node -e 'fetch(process.argv[1]).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))' \
    "http://127.0.0.1:${port}/health/ready"; then break; fi
  if ! kill -0 "$pid" 2>/dev/null; then echo "[start] Atende exited; see the log above" >&2; exit 1; fi
  sleep 0.5
done

cat <<INFO

  Atende is running on http://127.0.0.1:${port} (role ${APP_ROLE:-all}, AI provider: $([[ -n "${OPENAI_API_KEY:-}" ]] && echo openai || echo "local, offline")).

  In a browser: http://127.0.0.1:${port}/sandbox/ to chat as a WhatsApp user, and
  http://127.0.0.1:${port}/console/ to answer as an agent (log in as demo@atende.local / demo-password-1).

  Write to the demo store's sandbox number as a WhatsApp user (the answer comes back in the same call):
    curl -s -X POST http://127.0.0.1:${port}/sandbox/inbound -H 'content-type: application/json' \\
      -d '{"to":"+15550001000","from":"+5511999990000","body":"Qual o horário de funcionamento?"}'

  Read everything the store answered on WhatsApp:
    curl -s 'http://127.0.0.1:${port}/sandbox/messages?number=%2B15550001000'

  The same conversation through the management API, as the demo tenant's admin:
    TOKEN=\$(curl -s -X POST http://127.0.0.1:${port}/api/v1/auth/login -H 'content-type: application/json' \\
      -d '{"email":"demo@atende.local","password":"demo-password-1"}' | node -pe 'JSON.parse(require("fs").readFileSync(0)).accessToken')
    curl -s http://127.0.0.1:${port}/api/v1/conversations -H "authorization: Bearer \$TOKEN"

  Platform admin: ${ADMIN_EMAIL} (password in .env). Ctrl-C stops the service.

INFO
wait "$pid"
