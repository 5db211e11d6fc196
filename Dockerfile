# syntax=docker/dockerfile:1
# Multi-stage build: compile backend and console, then a slim runtime image.
FROM node:20.20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY backend/package.json backend/
COPY frontend/package.json frontend/
COPY test/package.json test/
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build -w backend && npm run build -w frontend \
 && npm prune --omit=dev --workspace backend --include-workspace-root \
 && mkdir -p backend/node_modules

FROM node:20.20-bookworm-slim AS runtime
ENV NODE_ENV=production PORT=3000 CONSOLE_DIR=/app/console
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
# Packages npm could not hoist (another workspace needs another version) stay with the backend.
COPY --from=build /app/backend/node_modules ./backend/node_modules
COPY --from=build /app/package.json ./
COPY --from=build /app/backend/package.json ./backend/
COPY --from=build /app/backend/dist ./backend/dist
COPY --from=build /app/frontend/dist/tilsagn-console/browser ./console
COPY --from=build /app/scripts ./scripts
USER node
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=3s CMD node -e "fetch('http://127.0.0.1:3000/health').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"
CMD ["node", "backend/dist/backend/src/main.js"]
