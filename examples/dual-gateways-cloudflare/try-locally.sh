#!/usr/bin/env bash
# Try the dual-gateway example on one machine, without Cloudflare or Let's Encrypt accounts:
#   - Pebble (a real ACME CA, Debian package `pebble`) stands in for Let's Encrypt,
#   - pebble-challtestsrv is the DNS server Pebble asks for the DNS-01 challenges,
#   - the project's Cloudflare API fake stands in for api.cloudflare.com; it holds a few records that
#     "someone else" made (and one that external-dns made), and copies every TXT record it holds to
#     challtestsrv, the way Cloudflare's own nameservers would answer Let's Encrypt.
# It writes lanyard.local.yaml (lanyard.yaml with local addresses) and stays in the foreground;
# Ctrl-C stops everything it started. Ports can be moved with the environment variables below.
set -euo pipefail

here="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
root="$(cd "$here/../.." && pwd)"
state="$here/.local"

PEBBLE_PORT="${PEBBLE_PORT:-14000}"                  # ACME directory: https://127.0.0.1:14000/dir
PEBBLE_MGMT_PORT="${PEBBLE_MGMT_PORT:-15000}"        # Pebble's root certificate: https://127.0.0.1:15000/roots/0
CHALLTESTSRV_DNS_PORT="${CHALLTESTSRV_DNS_PORT:-8053}"
CHALLTESTSRV_MGMT_PORT="${CHALLTESTSRV_MGMT_PORT:-8055}"
CLOUDFLARE_PORT="${CLOUDFLARE_PORT:-8787}"           # the fake API: http://127.0.0.1:8787/client/v4
LANYARD_DNS_PORT="${LANYARD_DNS_PORT:-5353}"
LANYARD_HTTP_PORT="${LANYARD_HTTP_PORT:-8080}"
TOKEN="local-test-token"

need() {
  command -v "$1" >/dev/null 2>&1 || { echo "try-locally: $1 is missing: install $2 (./test.sh installs it)" >&2; exit 1; }
}
need pebble pebble
need pebble-challtestsrv pebble
need openssl openssl
need curl curl
. "$root/bin/jdk.sh"

for port in "$PEBBLE_PORT" "$PEBBLE_MGMT_PORT" "$CHALLTESTSRV_DNS_PORT" "$CHALLTESTSRV_MGMT_PORT" "$CLOUDFLARE_PORT" \
    "$LANYARD_DNS_PORT" "$LANYARD_HTTP_PORT"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "try-locally: 127.0.0.1:$port is already in use (another example's lanyard serve?); stop what runs there" \
      "or move the port (see the top of $0)" >&2
    exit 1
  fi
done

mkdir -p "$state/pebble"

echo "try-locally: compiling the Cloudflare fake (external-dns-sync test classes) and its classpath..."
(cd "$root" && ./mvnw -q -B -pl external-dns-sync -am test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/fake-classpath.txt -Dmdep.includeScope=test)
fake_cp="$(cat "$root/external-dns-sync/target/fake-classpath.txt"):$root/external-dns-sync/target/classes:$root/external-dns-sync/target/test-classes"

echo "try-locally: making Pebble's HTTPS certificate in $state/pebble..."
(
  cd "$state/pebble"
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 30 -subj "/CN=local pebble https root" \
    -keyout https-ca.key -out https-ca.pem -addext basicConstraints=critical,CA:TRUE \
    -addext keyUsage=critical,keyCertSign,cRLSign 2>/dev/null
  openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj /CN=localhost -keyout key.pem -out req.csr 2>/dev/null
  printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\nbasicConstraints=CA:FALSE\n' > ext.cnf
  openssl x509 -req -in req.csr -CA https-ca.pem -CAkey https-ca.key -CAcreateserial -days 30 -extfile ext.cnf \
    -out cert.pem 2>/dev/null
)
cat > "$state/pebble/pebble-config.json" <<EOF
{"pebble": {
  "listenAddress": "127.0.0.1:$PEBBLE_PORT",
  "managementListenAddress": "127.0.0.1:$PEBBLE_MGMT_PORT",
  "certificate": "$state/pebble/cert.pem",
  "privateKey": "$state/pebble/key.pem",
  "httpPort": 5002, "tlsPort": 5001, "ocspResponderURL": "",
  "externalAccountBindingRequired": false
}}
EOF

# What the Cloudflare zone holds before Lanyard first looks at it.
cat > "$state/cloudflare-seed.json" <<'EOF'
[
  {"name": "example.com", "type": "TXT", "content": "\"v=spf1 include:_spf.example.net -all\"", "ttl": 3600},
  {"name": "www.example.com", "type": "A", "content": "203.0.113.10", "ttl": 300},
  {"name": "status.example.com", "type": "CNAME", "content": "status.example.net", "ttl": 1, "proxied": true},
  {"name": "blog.example.com", "type": "CNAME", "content": "external.example.com", "ttl": 1, "proxied": true},
  {"name": "k8s.cname-blog.example.com", "type": "TXT", "ttl": 1,
   "content": "\"heritage=external-dns,external-dns/owner=staging,external-dns/resource=httproute/default/blog\""},
  {"name": "sonarr.example.com", "type": "CNAME", "content": "external.example.com", "ttl": 1, "proxied": true},
  {"name": "k8s.cname-sonarr.example.com", "type": "TXT", "ttl": 1,
   "content": "\"heritage=external-dns,external-dns/owner=homelab,external-dns/resource=httproute/media/sonarr\""},
  {"name": "overseerr.example.com", "type": "CNAME", "content": "external.example.com", "ttl": 1, "proxied": true},
  {"name": "k8s.cname-overseerr.example.com", "type": "TXT", "ttl": 1,
   "content": "\"heritage=external-dns,external-dns/owner=homelab,external-dns/resource=httproute/media/overseerr\""}
]
EOF
printf '%s\n' "$TOKEN" > "$state/cloudflare-token"
chmod 600 "$state/cloudflare-token"

pids=()
stop() {
  trap - INT TERM EXIT
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  echo "try-locally: stopped Pebble, challtestsrv and the Cloudflare fake"
}
trap stop INT TERM EXIT

pebble-challtestsrv -dns01 "127.0.0.1:$CHALLTESTSRV_DNS_PORT" -management "127.0.0.1:$CHALLTESTSRV_MGMT_PORT" \
  -http01 "" -https01 "" -tlsalpn01 "" -defaultIPv6 "" > "$state/challtestsrv.log" 2>&1 &
pids+=($!)
PEBBLE_VA_NOSLEEP=1 PEBBLE_WFE_NONCEREJECT=0 PEBBLE_AUTHZREUSE=0 \
  pebble -config "$state/pebble/pebble-config.json" -dnsserver "127.0.0.1:$CHALLTESTSRV_DNS_PORT" \
  > "$state/pebble.log" 2>&1 &
pids+=($!)
"$JAVA_HOME/bin/java" -cp "$fake_cp" dev.lanyard.sync.cloudflare.fake.FakeCloudflare "$CLOUDFLARE_PORT" "$TOKEN" \
  example.com "$state/cloudflare-seed.json" "--challtestsrv=http://127.0.0.1:$CHALLTESTSRV_MGMT_PORT" \
  > "$state/cloudflare.log" 2>&1 &
pids+=($!)

wait_for() {
  local what="$1" url="$2"
  for _ in $(seq 1 100); do
    if curl -sk -o /dev/null "$url"; then return 0; fi
    sleep 0.2
  done
  echo "try-locally: $what did not start; its log is in $state" >&2
  exit 1
}
wait_for "pebble-challtestsrv" "http://127.0.0.1:$CHALLTESTSRV_MGMT_PORT/"
wait_for "Pebble" "https://127.0.0.1:$PEBBLE_PORT/dir"
wait_for "the Cloudflare fake" "http://127.0.0.1:$CLOUDFLARE_PORT/client/v4/zones"
curl -sk "https://127.0.0.1:$PEBBLE_MGMT_PORT/roots/0" > "$state/pebble-root.pem"

# lanyard.yaml with local addresses; every line that differs is marked "local:".
cat > "$here/lanyard.local.yaml" <<EOF
# Written by try-locally.sh: lanyard.yaml pointed at Pebble and the Cloudflare fake on this machine.
zones:
  - name: example.com
    ttl: 300
    nameservers:
      - name: ns1.example.com
        addresses: [10.11.1.53]

dns:
  listen: ["127.0.0.1:$LANYARD_DNS_PORT"]          # local: loopback only

http:
  listen: "127.0.0.1:$LANYARD_HTTP_PORT"            # local

views:
  - name: lan
    clients: ["127.0.0.0/8", "10.0.0.0/8", "192.168.0.0/16"]
  - name: public
    public: true

gateways:
  network/envoy-external: {views: [lan, public]}
  network/envoy-internal: {views: [lan]}

sources:
  manifests:
    paths: [./kubernetes/main/apps]
    vars: ./kubernetes/main/flux/vars/cluster-settings.yaml

sync:
  owner: homelab
  txtPrefix: "k8s."
  providers:
    - name: cloudflare
      type: cloudflare
      views: [public]
      zones: [example.com]
      cloudflare:
        apiTokenFile: ./.local/cloudflare-token                     # local: the fake's token
        baseUrl: "http://127.0.0.1:$CLOUDFLARE_PORT/client/v4"      # local: the fake
        proxied: true

certificates:
  issuers:
    - name: letsencrypt-prod
      acme:
        directory: "https://127.0.0.1:$PEBBLE_PORT/dir"           # local: Pebble
        trust: ./.local/pebble/https-ca.pem                       # local: Pebble's HTTPS certificate
        email: ops@example.com
        accountKey: {file: ./.local/acme-account.pem}             # local: never mix with the real account
        solver: {type: cloudflare, provider: cloudflare}
        nameservers: ["127.0.0.1:$CHALLTESTSRV_DNS_PORT"]         # local: where Pebble looks (Cloudflare's NS in real life)
  gateways:
    dir: ./.local/certs                                           # local
EOF

zone_id="$(curl -s -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$CLOUDFLARE_PORT/client/v4/zones" \
  | sed -n 's/.*"id":"\([0-9a-f]*\)","name":"example.com".*/\1/p')"
rel="${here#"$root"/}"
cat <<EOF

Running (logs in $rel/.local/):
  Pebble            https://127.0.0.1:$PEBBLE_PORT/dir  (root: $rel/.local/pebble-root.pem)
  challtestsrv      DNS 127.0.0.1:$CHALLTESTSRV_DNS_PORT, management http://127.0.0.1:$CHALLTESTSRV_MGMT_PORT
  Cloudflare fake   http://127.0.0.1:$CLOUDFLARE_PORT/client/v4  (token $TOKEN, zone example.com = $zone_id)
Config written: $rel/lanyard.local.yaml

In another terminal, from $root:
  bin/lanyard plan  --config $rel/lanyard.local.yaml      # what Lanyard would change in Cloudflare
  bin/lanyard serve --config $rel/lanyard.local.yaml

and in a third one:
  dig @127.0.0.1 -p $LANYARD_DNS_PORT sonarr.example.com +short     # 10.11.1.22: the external gateway's LAN IP
  dig @127.0.0.1 -p $LANYARD_DNS_PORT grafana.example.com +short    # 10.11.1.21: the internal gateway
  curl -s -H 'Authorization: Bearer $TOKEN' \\
    'http://127.0.0.1:$CLOUDFLARE_PORT/client/v4/zones/$zone_id/dns_records?per_page=100' \\
    | jq -r '.result[] | "\\(.name) \\(.type) \\(.content) proxied=\\(.proxied)"'
  openssl verify -CAfile $rel/.local/pebble-root.pem \\
    -untrusted $rel/.local/certs/network/wildcard-tls/chain.pem $rel/.local/certs/network/wildcard-tls/cert.pem

Ctrl-C here stops Pebble, challtestsrv and the fake.
EOF
wait
