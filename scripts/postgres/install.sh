#!/usr/bin/env bash
# Installs what the real-Postgres tier needs, only what is missing (idempotent):
#   - Debian's postgresql-15, postgresql-server-dev-15, postgresql-15-pgtap, postgresql-15-cron and
#     build-essential, with apt;
#   - pgvector 0.8.1 and pgmq 1.5.1 (the versions Supabase ships; Debian has neither) built from the
#     vendored upstream tarballs in vendor/, after checking their SHA256SUMS.
#
# Exit codes: 0 ready; 3 skipped: cannot be installed here (no apt, not root, no vendored sources),
# with the reason on stderr; anything else is a real failure.
#
# Usage: bash scripts/postgres/install.sh [vendor-dir]
set -euo pipefail

SKIPPED=3
PG=15
PG_CONFIG=/usr/lib/postgresql/$PG/bin/pg_config
EXT_DIR=/usr/share/postgresql/$PG/extension
here=$(cd -- "$(dirname -- "$0")" && pwd)
vendor=${1:-${SOUNDCHECK_VENDOR_DIR:-$here/../../vendor}}

skip() {
  echo "postgres tier skipped: $*" >&2
  exit "$SKIPPED"
}

# Root installs directly; anyone else needs passwordless sudo (never prompts: CI has no stdin).
as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo -n "$@"; fi
}

# --- Debian packages ----------------------------------------------------------------------------------
packages=(postgresql-$PG postgresql-server-dev-$PG postgresql-$PG-pgtap postgresql-$PG-cron build-essential)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  command -v apt-get >/dev/null || skip "apt-get is not available to install ${missing[*]}"
  if [ "$(id -u)" -ne 0 ] && ! sudo -n true 2>/dev/null; then
    skip "installing ${missing[*]} needs root (or passwordless sudo)"
  fi
  echo "installing ${missing[*]} with apt"
  # Other processes may hold apt's lock for a while; wait for it rather than fail.
  as_root apt-get -o DPkg::Lock::Timeout=300 update -qq ||
    skip "apt-get update failed (no package mirror reachable?)"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y -qq \
    --no-install-recommends "${missing[@]}" >/dev/null ||
    skip "apt-get install ${missing[*]} failed"
fi

# --- pgvector and pgmq from the vendored sources --------------------------------------------------
trust_privileged() {
  # Supabase's image demotes `postgres`, and its supautils extension lets that role create the
  # extensions on its privileged list anyway, running their scripts as a superuser. Debian has no
  # supautils; marking the ones this schema uses `trusted` has the same effect in stock Postgres:
  # a non-superuser with CREATE on the database may create them, their scripts run as the
  # bootstrap superuser (supabase_admin, as with supautils).
  for ext in vector pg_cron; do
    control="$EXT_DIR/$ext.control"
    [ -f "$control" ] || continue
    grep -q '^trusted' "$control" && continue
    echo "supautils stand-in: marking $ext trusted ($control)"
    echo "trusted = true" | as_root tee -a "$control" >/dev/null || echo "cannot write $control" >&2
  done
}
trap trust_privileged EXIT

need_build=()
[ -f "$EXT_DIR/vector--0.8.1.sql" ] && [ -f "/usr/lib/postgresql/$PG/lib/vector.so" ] ||
  need_build+=(pgvector)
[ -f "$EXT_DIR/pgmq--1.5.1.sql" ] || need_build+=(pgmq)
[ "${#need_build[@]}" -eq 0 ] && exit 0

[ -f "$vendor/SHA256SUMS" ] || skip "no vendored sources at $vendor (SHA256SUMS missing)"
vendor=$(cd -- "$vendor" && pwd)
# Check the tarballs that will be built, so nothing unverified reaches the server's libdir.
(cd "$vendor" && grep -E ' (pgvector-0\.8\.1|pgmq-1\.5\.1)\.tar\.gz$' SHA256SUMS | sha256sum -c --quiet -) ||
  { echo "checksum mismatch in $vendor: refusing to build" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"; trust_privileged' EXIT
jobs=$(nproc 2>/dev/null || echo 2)
for name in "${need_build[@]}"; do
  case $name in
    pgvector)
      echo "building pgvector 0.8.1"
      tar -xzf "$vendor/pgvector-0.8.1.tar.gz" -C "$work"
      src="$work/pgvector-0.8.1"
      ;;
    pgmq)
      echo "building pgmq 1.5.1"
      tar -xzf "$vendor/pgmq-1.5.1.tar.gz" -C "$work"
      src="$work/pgmq-1.5.1/pgmq-extension"
      ;;
  esac
  make -s -C "$src" -j "$jobs" PG_CONFIG="$PG_CONFIG" >/dev/null
  as_root make -s -C "$src" install PG_CONFIG="$PG_CONFIG" >/dev/null
done
echo "installed ${need_build[*]} into /usr/lib/postgresql/$PG"
