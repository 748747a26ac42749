# syntax=docker/dockerfile:1
# The headless CLI alone (no Electron), for generators on Kubernetes or any container runner:
#   docker build -t stampede . && docker run --rm stampede -n 100 http://host.docker.internal:8080/
# Built and pushed on tags by .github/workflows/image.yml; docs/distributed.md tells how it is used.

FROM node:24-bookworm-slim AS build
WORKDIR /src
# Electron is a build tool here: its binary is never fetched (no install scripts run).
ENV ELECTRON_SKIP_BINARY_DOWNLOAD=1
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY . .
# The engine and demo target (out/main) and the CLI (out/cli); the window's bundles are not copied on.
RUN npx electron-vite build && npx vite build -c cli.vite.config.ts \
 && npm prune --omit=dev --ignore-scripts --no-audit --no-fund

FROM node:24-bookworm-slim
ENV NODE_ENV=production
WORKDIR /opt/stampede
COPY --from=build /src/package.json ./
COPY --from=build /src/node_modules ./node_modules
COPY --from=build /src/out/cli ./out/cli
COPY --from=build /src/out/main/engine.js /src/out/main/demo-target.js ./out/main/
COPY --from=build /src/out/main/chunks ./out/main/chunks
RUN ln -s /opt/stampede/out/cli/index.js /usr/local/bin/stampede
# A numeric user, so Kubernetes' runAsNonRoot can check it (the Job's manifest runs as the same).
USER 10001:10001
# The start barrier's port (stampede run --barrier).
EXPOSE 7070
ENTRYPOINT ["stampede"]
CMD ["--help"]
