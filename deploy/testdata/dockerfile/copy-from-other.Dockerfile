# A small Dockerfile that passes every check; the others break one thing each.
FROM golang:1.26 AS build
WORKDIR /src
COPY . .
RUN go build -o /out/kennisbank ./cmd/kennisbank

FROM debian:trixie-slim
RUN apt-get update && apt-get install -y --no-install-recommends \
      poppler-utils tesseract-ocr tesseract-ocr-nld curl \
 && rm -rf /var/lib/apt/lists/*
COPY --from=builder /out/kennisbank /usr/local/bin/kennisbank
ENV KENNISBANK_SERVER_ADDR=0.0.0.0:8080 \
    KENNISBANK_CORPUS_DIR=/data/corpus KENNISBANK_INDEX_DIR=/data/index
VOLUME /data
USER 10001
EXPOSE 8080
HEALTHCHECK CMD curl -fsS http://127.0.0.1:8080/healthz
ENTRYPOINT ["/usr/local/bin/kennisbank", "serve"]
