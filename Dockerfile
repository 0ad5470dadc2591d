# syntax=docker/dockerfile:1
#
# Kennisbank in a container: a static binary built with Go, run on Debian slim with
# the programs that read scanned PDFs (pdftoppm from poppler-utils, tesseract with its
# Dutch model). Corpus and index live under the volume /var/lib/kennisbank.
#
#   docker build -t kennisbank .
#   docker run -d --name kennisbank -p 8080:8080 -v kennisbank:/var/lib/kennisbank \
#     --stop-timeout 30 -e KENNISBANK_SERVER_BASE_URL=https://kennisbank.example.nl kennisbank
#
# See "Deployment" in README.md.

# --- build stage ---------------------------------------------------------------------
FROM golang:1.26 AS build
WORKDIR /src
# go.mod asks for Go 1.26.8: an older 1.26 image fetches that toolchain itself.
ENV GOTOOLCHAIN=auto CGO_ENABLED=0
COPY go.mod go.sum ./
RUN --mount=type=cache,target=/go/pkg/mod go mod download
COPY . .
ARG VERSION=dev
RUN --mount=type=cache,target=/go/pkg/mod --mount=type=cache,target=/root/.cache/go-build \
    go build -trimpath -buildvcs=false -ldflags "-s -w -X main.version=${VERSION}" \
      -o /out/kennisbank ./cmd/kennisbank

# --- runtime stage -------------------------------------------------------------------
FROM debian:trixie-slim AS runtime
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      poppler-utils tesseract-ocr tesseract-ocr-nld ca-certificates curl \
 && rm -rf /var/lib/apt/lists/*
# A user of its own, without a shell or a login, owning only the data volume.
RUN groupadd --system --gid 10001 kennisbank \
 && useradd --system --uid 10001 --gid kennisbank --home-dir /var/lib/kennisbank \
      --no-create-home --shell /usr/sbin/nologin kennisbank \
 && mkdir -p /var/lib/kennisbank \
 && chown kennisbank:kennisbank /var/lib/kennisbank
COPY --from=build /out/kennisbank /usr/local/bin/kennisbank

# Listen on every interface inside the container; the port is published with -p.
# corpus/ is filled with the sample reports on the first start when it is missing.
ENV KENNISBANK_SERVER_ADDR=0.0.0.0:8080 \
    KENNISBANK_CORPUS_DIR=/var/lib/kennisbank/corpus \
    KENNISBANK_INDEX_DIR=/var/lib/kennisbank/index
WORKDIR /var/lib/kennisbank
VOLUME ["/var/lib/kennisbank"]
USER 10001:10001
EXPOSE 8080
# SIGTERM stops the server gracefully: up to 10 s for running requests and up to 15 s
# for the index to close, so give it 30 s (docker run --stop-timeout 30,
# stop_grace_period: 30s in compose) instead of docker's default 10 s.
STOPSIGNAL SIGTERM
# /healthz answers 200 as soon as the process serves; /readyz only once the first sync
# of the corpus is done, which may take minutes for a large corpus.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["curl", "--fail", "--silent", "--show-error", "--output", "/dev/null", "http://127.0.0.1:8080/healthz"]
ENTRYPOINT ["/usr/local/bin/kennisbank"]
CMD ["serve"]
