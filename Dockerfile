# Build: compile TypeScript with the dev dependencies.
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build

# Run: production dependencies only, as a non-root user.
FROM node:24-bookworm-slim AS run
# CACHE_DIR: where compressed copies of the stylesheets and scripts, and the compiled templates,
# are kept between builds and restarts (node_modules is read-only for the node user).
ENV NODE_ENV=production PORT=3000 HOST=0.0.0.0 CACHE_DIR=/tmp/cache
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev && npm cache clean --force
# The embedded store (feedback, search counts) lives in DATA_DIR, ./data by default: writable by
# the node user, and a volume so it outlives the container. Or set DATABASE_URL for PostgreSQL.
RUN mkdir -p data && chown node:node data
VOLUME /app/data
COPY --from=build /app/dist ./dist
COPY content ./content
COPY views ./views
COPY public ./public
USER node
EXPOSE 3000
# SIGTERM drains: the server stops accepting, finishes requests in flight and exits 0 within 10 s.
STOPSIGNAL SIGTERM
HEALTHCHECK --interval=30s --timeout=3s --start-period=10s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "dist/server.js"]
