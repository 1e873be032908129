#!/usr/bin/env bash
# Prints the Docker Compose v2 command to use on this machine, installing one if needed:
#   docker compose     when the Docker CLI has the compose plugin
#   docker-compose     when a standalone Compose v2 (or later) is on PATH
# Otherwise installs a Debian package of Compose v2 with apt (as root), then prints one of the
# above. Only stdout carries the answer; progress goes to stderr. Exit status 1 when no Compose
# v2 can be had.
#
# Compose v1 (Debian bookworm's docker-compose 1.29, end of life since 2023) is not accepted:
# it rejects valid Compose Specification files (top-level `name`, for one).
#
# Where the package comes from, first that works:
#   1. this machine's own apt sources: docker-compose-v2 (Ubuntu), docker-compose-plugin
#      (Docker's repository), or docker-compose when it is version 2 or later (Debian 13+);
#   2. Debian unstable, then stable, from the Debian mirror of this machine's apt sources
#      (or WEBCALL_DEBIAN_MIRROR): Debian 12 (bookworm) has only Compose v1, while the newer
#      package is one Go binary that depends on nothing but libc. The package lists are
#      fetched into a private directory, so the machine's apt sources stay as they are.
set -euo pipefail

log() { echo "ensure-compose: $*" >&2; }

# Major version of a compose command, or nothing when it does not run.
compose_major() {
  local version
  version="$("$@" version --short 2>/dev/null)" || return 1
  version="${version#v}"
  [[ "$version" =~ ^[0-9]+ ]] || return 1
  echo "${BASH_REMATCH[0]}"
}

find_compose() {
  local major
  if command -v docker >/dev/null 2>&1 && major="$(compose_major docker compose)" && [ "$major" -ge 2 ]; then
    echo "docker compose"
    return 0
  fi
  if command -v docker-compose >/dev/null 2>&1 && major="$(compose_major docker-compose)" && [ "$major" -ge 2 ]; then
    echo "docker-compose"
    return 0
  fi
  return 1
}

apt_install() {
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "$@" >&2
}

# Candidate version of a package in the machine's apt sources ("" when unknown).
candidate() {
  apt-cache policy "$1" 2>/dev/null | awk '/Candidate:/ { print ($2 == "(none)" ? "" : $2) }'
}

install_from_own_sources() {
  local attempt package version
  for attempt in 1 2; do
    for package in docker-compose-v2 docker-compose-plugin docker-compose; do
      version="$(candidate "$package")"
      version="${version#*:}"
      if [[ "$version" =~ ^([0-9]+)\. ]] && [ "${BASH_REMATCH[1]}" -ge 2 ]; then
        log "installing $package $version with apt"
        apt_install "$package" && return 0
      fi
    done
    if [ "$attempt" = 1 ]; then
      log "no Compose v2 package known to apt: apt-get update"
      apt-get update >&2 || true
    fi
  done
  return 1
}

# The Debian mirror of this machine's apt sources (same rule as scripts/lib/asterisk.ts).
debian_mirror() {
  if [ -n "${WEBCALL_DEBIAN_MIRROR:-}" ]; then
    echo "$WEBCALL_DEBIAN_MIRROR"
    return 0
  fi
  {
    cat /etc/apt/sources.list.d/*.sources 2>/dev/null | sed -n 's/^URIs:[[:space:]]*//p' | tr ' ' '\n'
    cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null |
      sed -n 's/^deb[[:space:]]\+\(\[[^]]*\][[:space:]]\+\)\?\([^[:space:]]\+\).*/\2/p'
  } | grep -E 'debian/?$' | grep -v security | head -n 1
}

install_from_newer_debian() {
  local mirror keyring dir suite deb
  mirror="$(debian_mirror)" || true
  keyring=/usr/share/keyrings/debian-archive-keyring.gpg
  if [ -z "$mirror" ] || [ ! -f "$keyring" ]; then
    log "no Debian mirror in the apt sources (set WEBCALL_DEBIAN_MIRROR) or no Debian archive keyring"
    return 1
  fi
  dir="${XDG_CACHE_HOME:-$HOME/.cache}/webcall/compose-apt"
  mkdir -p "$dir/sources" "$dir/lists/partial" "$dir/archives/partial"
  cat >"$dir/sources/debian.sources" <<EOF
Types: deb
URIs: $mirror
Suites: unstable stable
Components: main
Signed-By: $keyring
EOF
  local -a opts=(
    -o "Dir::Etc::SourceList=/dev/null"
    -o "Dir::Etc::SourceParts=$dir/sources"
    -o "Dir::State::Lists=$dir/lists"
    -o "Dir::Cache::Archives=$dir/archives"
    -o "Dir::Cache::pkgcache="
    -o "Dir::Cache::srcpkgcache="
    # The private directory belongs to root; apt's _apt user could not write into it.
    -o "APT::Sandbox::User=root"
  )
  log "fetching Debian unstable/stable package lists from $mirror into $dir"
  apt-get "${opts[@]}" update >&2 || return 1
  for suite in unstable stable; do
    rm -f "$dir"/docker-compose_*.deb
    if (cd "$dir" && apt-get "${opts[@]}" download "docker-compose/$suite" >&2); then
      deb="$(find "$dir" -maxdepth 1 -name 'docker-compose_*.deb' | head -n 1)"
      [[ "$(basename "$deb")" =~ ^docker-compose_([0-9]+:)?([0-9]+)\. ]] || continue
      [ "${BASH_REMATCH[2]}" -ge 2 ] || continue
      log "installing $(basename "$deb") (Debian $suite)"
      # apt resolves its dependencies (libc6 only) from the machine's own sources, and refuses
      # the package when they cannot be met: then the next suite is tried.
      if apt_install "$deb"; then
        rm -rf "$dir"
        return 0
      fi
    fi
  done
  return 1
}

if find_compose; then exit 0; fi

if ! command -v apt-get >/dev/null 2>&1; then
  log "no Docker Compose v2 here and no apt-get to install it: install Docker Compose v2 (https://docs.docker.com/compose/install/)"
  exit 1
fi
if [ "$(id -u)" != 0 ]; then
  log "no Docker Compose v2 here; installing one with apt needs root: rerun as root or install Docker Compose v2"
  exit 1
fi

log "no Docker Compose v2 found: installing it"
if { install_from_own_sources || install_from_newer_debian; } && find_compose; then
  exit 0
fi
log "could not install Docker Compose v2 from the machine's apt sources nor from Debian unstable/stable"
exit 1
