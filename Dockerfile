# ministack: build with the official Swift image, run on a slim Debian.
#   docker build -t ministack .
#   docker run -p 8080:8080 ministack        # the example project on an embedded SQLite file

FROM swift:6.3-bookworm AS build
RUN apt-get update \
    && apt-get install -y --no-install-recommends libsqlite3-dev \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
# Resolve dependencies in their own layer so source edits don't refetch them.
COPY Package.* ./
RUN swift package resolve
COPY . .
RUN swift build -c release --static-swift-stdlib --product ministack \
    && mkdir -p /staging \
    && cp "$(swift build -c release --static-swift-stdlib --show-bin-path)/ministack" /staging/ \
    && strip /staging/ministack

FROM debian:bookworm-slim AS runtime
RUN apt-get update \
    && apt-get install -y --no-install-recommends libsqlite3-0 ca-certificates \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --create-home --home-dir /app ministack
WORKDIR /app
COPY --from=build /staging/ministack /usr/local/bin/ministack
COPY seeds ./seeds
COPY metadata ./metadata
RUN chown -R ministack:ministack /app
USER ministack
EXPOSE 8080
CMD ["ministack", "serve", "--host", "0.0.0.0"]
