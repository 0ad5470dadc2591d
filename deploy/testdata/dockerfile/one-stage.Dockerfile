# A small Dockerfile that passes every check; the others break one thing each.
FROM golang:1.26 AS build
WORKDIR /src
COPY . .
RUN go build -o /out/kennisbank ./cmd/kennisbank

