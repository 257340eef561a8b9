# Parley image: `docker compose up --build` (see docker-compose.yml) or `docker build -t parley .`.
# Three stages on the same base: install dependencies, build Next, run.

FROM node:20-bookworm-slim AS deps
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1 \
    CHECKPOINT_DISABLE=1
# The postinstall script runs `prisma generate`, which reads prisma.config.ts and prisma/ (the schema and the
# schema-engine fixes the config imports), and writes the client to lib/db/generated.
COPY package.json package-lock.json prisma.config.ts ./
COPY prisma ./prisma
RUN npm ci --no-audit --no-fund

FROM node:20-bookworm-slim AS build
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1 \
    CHECKPOINT_DISABLE=1
COPY . .
COPY --from=deps /app/node_modules ./node_modules
COPY --from=deps /app/lib/db/generated ./lib/db/generated
# The build cache is only useful to later builds on the same machine.
RUN npm run build && rm -rf .next/cache

FROM node:20-bookworm-slim AS runtime
WORKDIR /app
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    CHECKPOINT_DISABLE=1 \
    NPM_CONFIG_UPDATE_NOTIFIER=false \
    PORT=3000
# The whole built workspace: the launcher (lib/bootstrap/launch.ts, run with tsx) applies the migrations with the
# Prisma CLI and then runs `next start`.
COPY --from=build /app ./
# The app's code stays owned by root; the app may write only its data folder (embedded PostgreSQL and generated
# secrets, used when DATABASE_URL / AUTH_SECRET are unset) and Next's runtime cache.
RUN mkdir -p .data .next/cache && chown -R node:node .data .next
USER node
EXPOSE 3000
# What `npm start` runs, without npm and `sh -c` in between: those exit on SIGTERM without passing it on, so the
# launcher would never stop Next and the database cleanly. Run with an init (`init: true`, `docker run --init`).
CMD ["node", "--import", "tsx", "lib/bootstrap/launch.ts", "start"]
