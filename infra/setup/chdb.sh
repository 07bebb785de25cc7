#!/usr/bin/env bash
# Fetches libchdb.so (the ClickHouse engine as a library) for the embedded ClickHouse endpoint.
# The 178 MB npm tarball holds a 566 MB library: too big to commit, so it lands in the
# git-ignored .cache/chdb/ at the repository root. Safe to run again: a verified library is kept.
set -euo pipefail

readonly PACKAGE='@chdb/lib-linux-x64-gnu'
readonly VERSION='26.7.3-stable.1'
# Pinned from `npm view @chdb/lib-linux-x64-gnu@26.7.3-stable.1 dist.integrity` (sha512, base64).
readonly TARBALL_SHA512='XP97mMqnc5tZpKQywR8N7cLTsHNiTmHr30pC5mzo3jWmukjKn2IBa60c2B/gWUNcuFjOMjWoorQICCqBVj5wpw=='
readonly TARBALL_NAME='chdb-lib-linux-x64-gnu-26.7.3-stable.1.tgz'

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cache_dir="${repo_root}/.cache/chdb"
library="${cache_dir}/libchdb.so"
# The stamp records which verified tarball the library came from and its size, so a re-run
# does not hash 566 MB again.
stamp="${cache_dir}/libchdb.so.verified"

log() { printf 'chdb.sh: %s\n' "$*"; }
fail() { printf 'chdb.sh: error: %s\n' "$*" >&2; exit 1; }

expected_stamp() {
    printf '%s@%s %s size=%s\n' "${PACKAGE}" "${VERSION}" "${TARBALL_SHA512}" "$(stat -c %s "${library}")"
}

if [[ -f "${library}" && -f "${stamp}" && "$(cat "${stamp}")" == "$(expected_stamp)" ]]; then
    log "libchdb.so ${VERSION} already present and verified: ${library}"
    exit 0
fi

[[ "$(uname -s)-$(uname -m)" == "Linux-x86_64" ]] || fail "only linux-x64 is supported (this is $(uname -s)-$(uname -m))"
command -v npm >/dev/null || fail "npm not found; install Node.js (npm) and run again"
command -v openssl >/dev/null || fail "openssl not found; it is needed to verify the tarball checksum"

mkdir -p "${cache_dir}"
tarball="${cache_dir}/${TARBALL_NAME}"

if [[ ! -f "${tarball}" ]]; then
    log "fetching ${PACKAGE}@${VERSION} (178 MB) with npm pack"
    (cd "${cache_dir}" && npm pack --silent "${PACKAGE}@${VERSION}" >/dev/null) \
        || fail "npm pack ${PACKAGE}@${VERSION} failed (is the npm registry reachable?)"
fi

actual="$(openssl dgst -sha512 -binary "${tarball}" | base64 -w0)"
if [[ "${actual}" != "${TARBALL_SHA512}" ]]; then
    rm -f "${tarball}"
    fail "checksum mismatch for ${TARBALL_NAME}: expected sha512-${TARBALL_SHA512}, got sha512-${actual}; the download was removed, run again"
fi
log "tarball checksum verified (sha512)"

log "extracting libchdb.so (566 MB)"
rm -f "${stamp}"
tar -xzf "${tarball}" -C "${cache_dir}" --strip-components=1 package/libchdb.so \
    || fail "could not extract package/libchdb.so from ${tarball}"
expected_stamp > "${stamp}"
rm -f "${tarball}"
log "ready: ${library}"
