# KoKoMa web UI: built with Node, served by nginx, which also proxies /api to the backend.
# Build from the repository root: docker build -f docker/frontend.Dockerfile .
FROM node:20-bookworm-slim AS build

WORKDIR /src/frontend
# No package needs an install script; skipping them also keeps install-time telemetry out.
ENV SCARF_ANALYTICS=false \
    DO_NOT_TRACK=1
COPY frontend/package.json frontend/package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund

COPY frontend/ ./
RUN npm run build

FROM nginx:stable-alpine

COPY docker/nginx.conf /etc/nginx/conf.d/default.conf
COPY --from=build /src/frontend/dist /usr/share/nginx/html

EXPOSE 80

HEALTHCHECK --interval=15s --timeout=5s --start-period=10s --retries=3 \
    CMD ["wget", "-q", "-O", "/dev/null", "http://127.0.0.1/healthz"]
