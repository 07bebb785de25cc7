#!/usr/bin/env bash
# Installs what a fresh Debian 12 machine lacks to build, test and run Streams, then restores
# packages and fetches the embedded ClickHouse engine. Idempotent: a second run only checks.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

say() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }

# Debian packages: curl and kcat for the README's tour, Node's npm to fetch chDB; the real
# peers the tests talk to: an SMTP server (aiosmtpd) for email alerts, Prometheus, the node
# exporter, zabbix_sender and the Nagios plugins for the integrations; docker-compose to check
# docker-compose.kafka.yml; Chromium for the dashboard's browser tests (a Playwright browser
# download does not work offline; Debian's build is driven by playwright-core).
packages=(ca-certificates curl openssl python3 python3-yaml kcat nodejs npm
  python3-aiosmtpd prometheus prometheus-node-exporter zabbix-agent monitoring-plugins docker-compose chromium)
missing=()
for p in "${packages[@]}"; do
  # nodejs/npm may come from elsewhere (nvm, NodeSource); a working binary is enough.
  case "$p" in
    nodejs) command -v node >/dev/null && continue ;;
    npm) command -v npm >/dev/null && continue ;;
  esac
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if ((${#missing[@]})); then
  say "installing Debian packages: ${missing[*]}"
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# .NET 10 is not in Debian 12's archive; the machine image provides it.
if ! command -v dotnet >/dev/null || ! dotnet --list-sdks | grep -q '^10\.'; then
  echo "[setup] .NET SDK 10 is required and not found: install it (https://learn.microsoft.com/dotnet/core/install/linux-debian) and run again." >&2
  exit 1
fi

say "fetching the embedded ClickHouse engine (chDB)"
bash "$repo/infra/setup/chdb.sh"

say "installing the dashboard's and the browser tests' npm packages"
(cd "$repo/pipelines/Api/dashboard" && npm ci --no-audit --no-fund --loglevel=error)
(cd "$repo/tests/browser" && npm ci --no-audit --no-fund --loglevel=error)

say "restoring NuGet packages"
dotnet restore "$repo/Streams.sln" --verbosity quiet
say "ready"
