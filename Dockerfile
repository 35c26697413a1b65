# The image runs the same steps as CI: `npm ci`, `npm run build`, `node dist/src/main.js`.

# Build stage: the full image has python3, make and g++, which better-sqlite3 needs when no
# prebuilt binary matches. Both stages are bookworm, so the compiled addon links against the
# same glibc at run time.
FROM node:24-bookworm AS build
WORKDIR /app
# Manifests first, so editing the source does not invalidate the cached `npm ci` layer.
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN npm run build && npm prune --omit=dev

FROM node:24-bookworm-slim AS runtime
WORKDIR /app
ENV NODE_ENV=production \
    DATABASE_PATH=/data/bot.db \
    MEDIA_CACHE_DIR=/data/media \
    HTTP_PORT=8080 \
    HTTP_HOST=0.0.0.0
# The app files stay owned by root, so the bot cannot rewrite its own code; only /data is its.
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# Created before VOLUME so a new named volume starts with this ownership instead of root's.
RUN mkdir -p /data/media && chown -R node:node /data
VOLUME /data
USER node
EXPOSE 8080
# The slim image has no curl; Node's own fetch does the check. HTTP_PORT is read so an override
# of the port does not turn every container unhealthy.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.HTTP_PORT || 8080) + '/healthz', { signal: AbortSignal.timeout(4000) }).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# Exec form: node is PID 1 (or the child of `init: true`'s tini) and receives SIGTERM itself,
# so main.ts can stop the poller and close the database before Docker's SIGKILL.
STOPSIGNAL SIGTERM
CMD ["node", "dist/src/main.js"]
