#!/usr/bin/env bash
# Starts a local Pebble (Debian package `pebble`) for the pebble-self example:
#   - makes a throwaway CA and an HTTPS certificate for Pebble with openssl, in ./state (recreated each run);
#   - writes a Pebble config for 127.0.0.1:14000 (ACME) and 127.0.0.1:15000 (management);
#   - runs Pebble in the foreground, validating DNS-01 challenges by asking Lanyard's DNS listener,
#     which it reads from dns.listen in lanyard.yaml next to this script.
# Stop it with Ctrl-C. Pebble keeps its state in memory: each start is a new CA.
# PEBBLE_LISTEN and PEBBLE_MANAGEMENT_LISTEN move Pebble off 14000/15000 (the e2e test of this example uses
# free ports); lanyard.yaml's directory URL must then name the same port.
set -euo pipefail

acme_listen="${PEBBLE_LISTEN:-127.0.0.1:14000}"
management_listen="${PEBBLE_MANAGEMENT_LISTEN:-127.0.0.1:15000}"

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
state="$here/state"
config="$here/lanyard.yaml"

need() {
  command -v "$1" >/dev/null 2>&1 || { echo "start-pebble.sh: $1 not found: install the Debian package $2 (sudo apt-get install $2)" >&2; exit 1; }
}
need pebble pebble
need openssl openssl

# Lanyard's DNS listener: the first host:port under dns.listen in lanyard.yaml.
dns="$(awk '/^dns:/ {in_dns = 1; next} /^[^ #]/ {in_dns = 0} in_dns && /listen:/ {
  if (match($0, /[0-9.]+:[0-9]+/)) { print substr($0, RSTART, RLENGTH); exit } }' "$config")"
if [[ -z "$dns" ]]; then
  echo "start-pebble.sh: no dns.listen address (host:port) found in $config" >&2
  exit 1
fi

for address in "$acme_listen" "$management_listen"; do
  if (exec 3<>"/dev/tcp/${address%:*}/${address##*:}") 2>/dev/null; then
    echo "start-pebble.sh: $address is already in use (another Pebble?); stop it first" >&2
    exit 1
  fi
done

rm -rf "$state"
mkdir -p "$state"
cd "$state"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 30 -subj "/CN=pebble-self example CA" \
  -keyout pebble-ca.key -out pebble-ca.pem \
  -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign 2>/dev/null
openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "/CN=localhost" \
  -keyout pebble-key.pem -out pebble.csr 2>/dev/null
printf "subjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1\nextendedKeyUsage=serverAuth\nbasicConstraints=CA:FALSE\n" > pebble-ext.cnf
openssl x509 -req -in pebble.csr -CA pebble-ca.pem -CAkey pebble-ca.key -CAcreateserial -days 30 \
  -extfile pebble-ext.cnf -out pebble-cert.pem 2>/dev/null

cat > pebble-config.json <<JSON
{"pebble": {
  "listenAddress": "$acme_listen",
  "managementListenAddress": "$management_listen",
  "certificate": "$state/pebble-cert.pem",
  "privateKey": "$state/pebble-key.pem",
  "httpPort": 5002,
  "tlsPort": 5001,
  "ocspResponderURL": "",
  "externalAccountBindingRequired": false
}}
JSON

repo="$(cd "$here/../.." && pwd)"
cat <<TEXT
Pebble: ACME directory https://$acme_listen/dir, validating DNS-01 against Lanyard at $dns.
Its HTTPS CA is $state/pebble-ca.pem (the issuer's trust file).

Next, in another terminal (from $repo):
  bin/lanyard serve --config examples/pebble-self/lanyard.yaml
and watch the certificate appear:
  ls -l examples/pebble-self/state/certs/wildcard/
  bin/lanyard certs list --config examples/pebble-self/lanyard.yaml
Then check it against Pebble's root (README.md, step 4).

Pebble's log follows; Ctrl-C stops it.
TEXT

# No random 0-15 s sleep before each validation, and no deliberately rejected nonces.
export PEBBLE_VA_NOSLEEP=1 PEBBLE_WFE_NONCEREJECT=0
exec pebble -config "$state/pebble-config.json" -dnsserver "$dns" -strict=false
