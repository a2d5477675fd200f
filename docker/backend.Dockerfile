# Backend image: the NestJS API (it can also serve the SPA when SPA_DIR points at it).
# Build from the repository root: docker build -f docker/backend.Dockerfile -t billinator-backend .
FROM node:20-bookworm-slim AS build
WORKDIR /app
ENV NX_NO_CLOUD=true NX_DAEMON=false NG_CLI_ANALYTICS=false
COPY package.json package-lock.json .npmrc ./
RUN npm ci
COPY . .
RUN npx nx run-many -t build --projects=backend,frontend --outputStyle=static \
 && npm prune --omit=dev

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production PORT=3000 HOST=0.0.0.0 DATABASE_URL=duckdb:/data/billinator.duckdb \
    SPA_DIR=/app/dist/frontend/browser SHUTDOWN_GRACE_MS=5000
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 3000
# JWT_SECRET must be provided at run time (at least 32 characters).
CMD ["node", "dist/backend/backend/src/main.js"]
