# syntax=docker/dockerfile:1
# check=error=true

# The image of this app: Next's standalone server (next.config.ts has
# `output: "standalone"`), the artifact `./stack up --next=prod` and the e2e
# suites run too.
#
#   docker build -t kratos-selfservice-ui .
#   docker run --read-only --tmpfs /app/.next/cache -p 3000:3000 \
#     -e APP_URL=... -e KRATOS_PUBLIC_URL=... -e KRATOS_ADMIN_URL=... kratos-selfservice-ui
#
# `npm run test:deploy` parses and lints this file with BuildKit's own parser
# and rules (those of `docker build --check`) and checks every COPY source
# against .dockerignore; the `check` directive above makes a real build fail
# on the same warnings.

ARG NODE_MAJOR=22

# Dependencies from the lock file alone: this layer stays cached until it changes.
FROM node:${NODE_MAJOR}-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

# The production build. Everything .dockerignore lets through is copied:
# `next build` type-checks the whole project (tsconfig.json includes every .ts).
FROM node:${NODE_MAJOR}-bookworm-slim AS build
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
COPY --from=deps /app/node_modules ./node_modules
COPY . .
# Next leaves the client assets and public/ for the deployer to put beside
# server.js, and the cache folder is the one place the server writes (owned by
# the runtime user below).
RUN node node_modules/next/dist/bin/next build \
  && cp -R .next/static .next/standalone/.next/static \
  && cp -R public .next/standalone/public \
  && mkdir -p /cache

# Runtime: distroless Node of the same major and Debian release. No shell, no
# npm, no compiler, none of the devDependencies: only server.js and the
# node_modules Next traced as needed at run time.
FROM gcr.io/distroless/nodejs${NODE_MAJOR}-debian12:nonroot AS runtime
WORKDIR /app
# NEXT_MANUAL_SIG_HANDLE: on SIGTERM our handler drains the instance (readiness
# says no, serving goes on SHUTDOWN_DELAY_MS, then the port closes and the
# requests in flight finish) instead of Next's, which closes the port at once.
ENV NODE_ENV=production \
  NEXT_TELEMETRY_DISABLED=1 \
  NEXT_MANUAL_SIG_HANDLE=1 \
  PORT=3000 \
  HOSTNAME=0.0.0.0
# Owned by root and not writable by the server: the code cannot be changed by it.
COPY --from=build /app/.next/standalone ./
COPY --from=build --chown=65532:65532 /cache ./.next/cache
# distroless's "nonroot", by number so Kubernetes can check runAsNonRoot.
USER 65532:65532
EXPOSE 3000
# Readiness (/api/health/ready): the server answers and finished starting;
# it asks neither Kratos nor Redis (ARCHITECTURE.md, "Liveness and readiness").
EXPOSE 9464
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["/nodejs/bin/node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/api/health/ready').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["server.js"]
