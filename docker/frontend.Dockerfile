# Edge image: nginx serving the built SPA and proxying /api to the backend.
# Build from the repository root: docker build -f docker/frontend.Dockerfile -t billinator-frontend .
FROM node:20-bookworm-slim AS build
WORKDIR /app
ENV NX_NO_CLOUD=true NX_DAEMON=false NG_CLI_ANALYTICS=false
COPY package.json package-lock.json .npmrc ./
RUN npm ci
COPY . .
RUN npx nx run frontend:build --outputStyle=static

FROM nginx:1.27-alpine
COPY nginx.conf /etc/nginx/conf.d/default.conf
COPY --from=build /app/dist/frontend/browser /usr/share/nginx/html
EXPOSE 8080
