# syntax=docker/dockerfile:1
# Atende: one image for every role (api, worker, migrations), chosen with APP_ROLE.

# ---------------------------------------------------------------- build
FROM node:22-bookworm-slim AS build
WORKDIR /app
# swagger-ui-dist pulls in @scarf/scarf, whose install script reports usage: keep it quiet.
ENV SCARF_ANALYTICS=false

# Dependencies first, so source changes reuse this layer.
# `npm install`, not `npm ci`: the lockfile lacks some optional platform
# binaries the registry does not serve (npm ci insists on every optional binary the lockfile lists).
COPY package.json package-lock.json ./
RUN npm install --no-audit --no-fund

COPY tsconfig*.json nest-cli.json ./
COPY src ./src
COPY migrations ./migrations
COPY web ./web

# tsc + tsc-alias into dist/: dist/src/main.js, dist/migrations/*.js; the pages into dist/web
RUN npm run build \
 && npm prune --omit=dev --no-audit --no-fund

# ---------------------------------------------------------------- runtime
FROM node:22-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
# swagger-ui-dist pulls in @scarf/scarf, whose install script reports usage: keep it quiet.
ENV SCARF_ANALYTICS=false

# Owned by root and read-only for the `node` user that runs the app.
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist

USER node
EXPOSE 3000

# The slim image has no curl: use Node's fetch. (The worker role serves no
# HTTP; docker-compose.yml disables this check for it.)
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/health/live', { signal: AbortSignal.timeout(4000) }).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]

CMD ["node", "dist/src/main.js"]
