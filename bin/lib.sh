# Shared by bin/berth, bin/test and .ci/run: find Java 25, install missing system packages.
# shellcheck shell=bash

# The Debian packages Berth uses at run time and in its tests.
BERTH_PACKAGES=(runc conmon tini curl python3 iproute2 procps util-linux openssl dnsutils unbound dnsperf tmux nginx wrk zsh)

berth_java_home() {
  if [ -n "${JAVA_HOME:-}" ] && "$JAVA_HOME/bin/java" -version 2>&1 | grep -q 'version "25'; then
    echo "$JAVA_HOME"; return 0
  fi
  local candidate
  for candidate in /usr/lib/jvm/*25*; do
    if [ -x "$candidate/bin/java" ]; then echo "$candidate"; return 0; fi
  done
  echo "berth: Java 25 is needed; install a JDK 25 (e.g. Temurin 25 into /usr/lib/jvm) or set JAVA_HOME to one" >&2
  return 1
}

# Installs the packages of BERTH_PACKAGES that are missing (needs root and apt-get).
berth_install_packages() {
  local missing=() p
  for p in "${BERTH_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
    echo "berth: missing system packages: ${missing[*]}; install them with: sudo apt-get install -y ${missing[*]}" >&2
    return 1
  fi
  echo "berth: installing ${missing[*]} ..." >&2
  DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >&2
}
