# syntax=docker/dockerfile:1
# One image for both WebCall processes:
#   api       node dist/apps/api/src/main.js        (default: HTTP + console on :8080)
#   callflow  node dist/apps/callflow/src/main.js   (Asterisk ARI/AMI controller)
# Build context: the repository root (see compose.yaml); app.Dockerfile.dockerignore keeps
# node_modules, dist and .runtime out of it.
ARG NODE_IMAGE=node:24-bookworm-slim

# ---- build: every dependency, then the server (tsc) and the console (Angular) ----
FROM ${NODE_IMAGE} AS build
WORKDIR /src
ENV NG_CLI_ANALYTICS=false \
  CI=true
# Manifests first: the npm ci layer is reused until the lock file changes.
COPY package.json package-lock.json ./
COPY angular-ui/package.json angular-ui/
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build \
  && test -f dist/apps/api/src/main.js \
  && test -f dist/apps/callflow/src/main.js \
  && test -f angular-ui/dist/browser/index.html

# ---- production dependencies of the server only ----
# --workspaces=false: the console is served as static files, so the Angular packages of the
# angular-ui workspace are not needed at run time.
FROM ${NODE_IMAGE} AS prod-deps
WORKDIR /src
COPY package.json package-lock.json ./
COPY angular-ui/package.json angular-ui/
RUN npm ci --omit=dev --workspaces=false --no-audit --no-fund \
  && npm cache clean --force

# ---- runtime ----
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
  HTTP_PORT=8080
WORKDIR /app
# Owned by root: the app user can read its code but not change it.
COPY package.json ./
COPY --from=prod-deps /src/node_modules ./node_modules
COPY --from=build /src/dist ./dist
COPY --from=build /src/angular-ui/dist/browser ./angular-ui/dist/browser
# The one place the app writes: Asterisk config generated from the tenants' data, a volume
# shared with the asterisk container (see compose.yaml). Created here so that a new volume
# mounted at this path is owned by the app user.
RUN install -d -o node -g node /var/lib/webcall/asterisk-generated /var/lib/webcall/prompts
# Voice prompts: ffprobe/ffmpeg check and convert uploads, espeak-ng speaks the built-ins.
RUN apt-get update \
  && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ffmpeg espeak-ng \
  && rm -rf /var/lib/apt/lists/*

# `node` (uid 1000) comes with the official Node images.
USER node
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.HTTP_PORT || 8080) + '/api/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "dist/apps/api/src/main.js"]
