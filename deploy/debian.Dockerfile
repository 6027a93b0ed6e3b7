# nginx (the TLS edge) or Varnish (the cache) from Debian bookworm's own packages: the same
# versions the tests in test/deploy/ run, with Debian's security updates. compose.yaml builds
# it once per package: --build-arg PACKAGE=nginx or PACKAGE=varnish.
FROM debian:bookworm-slim
ARG PACKAGE
RUN apt-get update \
  && apt-get install -y --no-install-recommends "$PACKAGE" \
  && rm -rf /var/lib/apt/lists/* \
  && if [ -d /var/log/nginx ]; then ln -sf /dev/stderr /var/log/nginx/error.log && ln -sf /dev/stdout /var/log/nginx/access.log; fi
