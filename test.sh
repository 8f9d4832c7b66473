#!/usr/bin/env bash
# The whole test suite, on a fresh machine: installs the real peers the tests run against
# (Debian packages) when they are missing, then runs every module's tests and the end-to-end suite.
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")"

packages=(dnsutils knot-dnsutils unbound bind9 knot pebble nginx-light dnsperf openssl curl
          chromium chromium-driver procps util-linux iproute2 unzip)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "test.sh: installing ${missing[*]}" >&2
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  # Installed daemons must not start: the tests start their own on free ports.
  policy=/usr/sbin/policy-rc.d
  created_policy=""
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' | $sudo tee "$policy" >/dev/null
    $sudo chmod +x "$policy"
    created_policy=1
  fi
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  [ -n "$created_policy" ] && $sudo rm -f "$policy"
fi

. bin/jdk.sh
echo "test.sh: JDK $JAVA_HOME" >&2
exec ./mvnw -B -ntp verify "$@"
