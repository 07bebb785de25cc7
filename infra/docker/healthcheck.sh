#!/usr/bin/env bash
# The container health probe: GET a path of the host's HTTP port and succeed on 200. The aspnet
# runtime image has no curl or wget, so the request goes through bash's /dev/tcp (dash, the
# image's /bin/sh, has no /dev/tcp).
# Usage: streams-healthcheck [/healthz|/readyz]
set -euo pipefail

readonly path="${1:-/healthz}"
readonly port="${Api__Port:-8080}"

exec 3<>"/dev/tcp/127.0.0.1/${port}"
printf 'GET %s HTTP/1.0\r\nHost: localhost\r\n\r\n' "${path}" >&3
IFS= read -r -t 3 status <&3
[[ "${status}" == HTTP/1.?" 200 "* ]]
