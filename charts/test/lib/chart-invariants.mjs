// What must hold for every rendering of charts/lanyard, checked on the rendered objects. Each check returns the
// problems it found as strings; an empty list means it passed. `config` is the lanyard.yaml the ConfigMap carries,
// so the checks compare the pod wiring with what the app will actually do.
import { IANA_SVC_NAME } from "./kube-schema.mjs";

/** Every Kubernetes API call Lanyard makes that the ClusterRole must allow, and nothing more (read only). */
export const CLUSTER_READS = {
  "gateway.networking.k8s.io": ["gateways", "httproutes", "grpcroutes", "tlsroutes"],
  "": ["services", "namespaces"],
  "networking.k8s.io": ["ingresses"],
  "externaldns.k8s.io": ["dnsendpoints"],
  "cert-manager.io": ["certificates"],
};
const READ = ["get", "list", "watch"];
const SECRET_WRITE = ["create", "get", "patch", "update"];
const CONFIG_KEYS = ["zones", "dns", "views", "gateways", "sources", "sync", "certificates", "http", "leaderElection"];
const CLUSTER_SCOPED = new Set(["ClusterRole", "ClusterRoleBinding", "Namespace"]);

export function objectId(o) {
  return CLUSTER_SCOPED.has(o.kind) ? `${o.kind}/${o.metadata.name}` : `${o.kind}/${o.metadata.namespace}/${o.metadata.name}`;
}

/** The port of a host:port as the app's HostPort.parse reads it; null when absent. */
export function listenPort(text) {
  const s = String(text).trim();
  const bracket = /^\[[^\]]*\](?::(\d+))?$/.exec(s);
  if (bracket) return bracket[1] === undefined ? null : Number(bracket[1]);
  const parts = s.split(":");
  return parts.length === 2 ? Number(parts[1]) : null;
}

function firstListen(value) {
  return Array.isArray(value) ? value[0] : value;
}

function sorted(list) {
  return [...list].sort();
}

function same(a, b) {
  return JSON.stringify(a) === JSON.stringify(b);
}

function selects(selector, labels) {
  return Object.entries(selector ?? {}).every(([k, v]) => labels?.[k] === v) && Object.keys(selector ?? {}).length > 0;
}

/** Normalizes RBAC rules to "group|resource|resourceNames" -> sorted verbs, failing on wildcards. */
function ruleTable(rules, problems, where) {
  const table = new Map();
  for (const r of rules ?? []) {
    for (const field of ["apiGroups", "resources", "verbs", "resourceNames"]) {
      if ((r[field] ?? []).includes("*")) problems.push(`${where}: wildcard "*" in ${field}`);
    }
    if (r.nonResourceURLs) problems.push(`${where}: grants nonResourceURLs ${r.nonResourceURLs}`);
    for (const g of r.apiGroups ?? []) {
      for (const res of r.resources ?? []) {
        const key = `${g}|${res}|${sorted(r.resourceNames ?? []).join(",")}`;
        table.set(key, sorted(new Set([...(table.get(key) ?? []), ...(r.verbs ?? [])])));
      }
    }
  }
  return table;
}

export function checkChart(objects, release, expect) {
  const results = [];
  const check = (name, fn) => {
    let problems;
    try {
      problems = fn();
    } catch (e) {
      problems = [`threw ${e.stack}`];
    }
    results.push({ name, problems });
  };
  const byKind = (kind) => objects.filter((o) => o.kind === kind);
  const deployments = byKind("Deployment");
  const configMaps = byKind("ConfigMap");
  const deployment = deployments[0];
  const podSpec = deployment?.spec?.template?.spec ?? {};
  const container = podSpec.containers?.[0] ?? {};
  const podLabels = deployment?.spec?.template?.metadata?.labels ?? {};
  const selector = deployment?.spec?.selector?.matchLabels ?? {};
  let config = {};

  check("rendered objects are exactly the expected ones", () => {
    const got = sorted(objects.map(objectId));
    const want = sorted(expect.objects);
    const problems = [];
    for (const id of got) if (!want.includes(id)) problems.push(`unexpected ${id}`);
    for (const id of want) if (!got.includes(id)) problems.push(`missing ${id}`);
    for (const id of new Set(got)) if (got.filter((g) => g === id).length > 1) problems.push(`${id} rendered twice`);
    return problems;
  });

  check("every object carries the chart's labels and its namespace", () => {
    const problems = [];
    for (const o of objects) {
      const labels = o.metadata?.labels ?? {};
      for (const [k, v] of Object.entries({ "app.kubernetes.io/instance": release.name,
        "app.kubernetes.io/managed-by": "Helm" })) {
        if (labels[k] !== v) problems.push(`${objectId(o)}: label ${k} is ${labels[k]}, want ${v}`);
      }
      if (!labels["app.kubernetes.io/name"] || !labels["helm.sh/chart"]) problems.push(`${objectId(o)}: missing name/chart labels`);
      if (!CLUSTER_SCOPED.has(o.kind) && !o.metadata?.namespace) problems.push(`${objectId(o)}: no namespace`);
    }
    return problems;
  });

  check("ConfigMap holds lanyard.yaml with known keys and a Lease name", () => {
    if (configMaps.length !== 1) return [`want one ConfigMap, got ${configMaps.length}`];
    const cm = configMaps[0];
    const text = cm.data?.["lanyard.yaml"];
    if (typeof text !== "string") return ["ConfigMap has no lanyard.yaml"];
    config = release.parseYaml(text) ?? {};
    const problems = [];
    for (const k of Object.keys(config)) if (!CONFIG_KEYS.includes(k)) problems.push(`lanyard.yaml: unknown key ${k}`);
    if (!config.leaderElection?.leaseName) problems.push("lanyard.yaml: leaderElection.leaseName is not set");
    return problems;
  });

  check("one Deployment whose selector matches its pods", () => {
    if (deployments.length !== 1) return [`want one Deployment, got ${deployments.length}`];
    const problems = [];
    if (!selects(selector, podLabels)) problems.push(`selector ${JSON.stringify(selector)} does not match pod labels`);
    if (deployment.spec.replicas !== expect.replicas) problems.push(`replicas ${deployment.spec.replicas}, want ${expect.replicas}`);
    if (podSpec.containers?.length !== 1) problems.push(`want one container, got ${podSpec.containers?.length}`);
    if (!/^[0-9a-f]{64}$/.test(deployment.spec.template.metadata?.annotations?.["checksum/config"] ?? "")) {
      problems.push("pod template lacks the checksum/config annotation that rolls pods on config changes");
    }
    return problems;
  });

  check("the config volume mounts the ConfigMap where --config points", () => {
    const args = container.args ?? [];
    const problems = [];
    if (args[0] !== "serve") problems.push(`args ${JSON.stringify(args)} do not start with serve`);
    const i = args.indexOf("--config");
    if (i < 0) return [...problems, "no --config argument"];
    const path = args[i + 1];
    const dir = path.slice(0, path.lastIndexOf("/"));
    const file = path.slice(path.lastIndexOf("/") + 1);
    const mount = (container.volumeMounts ?? []).find((m) => m.mountPath === dir);
    if (!mount) return [...problems, `no volume mounted at ${dir} (the --config directory)`];
    if (mount.subPath) problems.push(`${dir} is a subPath mount, which never sees ConfigMap updates`);
    const volume = (podSpec.volumes ?? []).find((v) => v.name === mount.name);
    const cm = configMaps[0];
    if (volume?.configMap?.name !== cm?.metadata?.name) {
      problems.push(`volume ${mount.name} at ${dir} is ${JSON.stringify(volume)}, not the ConfigMap ${cm?.metadata?.name}`);
    }
    if (cm && !(file in (cm.data ?? {}))) problems.push(`ConfigMap has no key ${file}`);
    return problems;
  });

  check("/tmp is an emptyDir, every mount has a volume and every volume is used", () => {
    const problems = [];
    const volumes = new Map((podSpec.volumes ?? []).map((v) => [v.name, v]));
    const tmp = (container.volumeMounts ?? []).find((m) => m.mountPath === "/tmp");
    if (!tmp || !volumes.get(tmp.name)?.emptyDir) problems.push("/tmp is not an emptyDir (the root filesystem is read-only)");
    for (const m of container.volumeMounts ?? []) if (!volumes.has(m.name)) problems.push(`mount ${m.mountPath}: no volume ${m.name}`);
    for (const name of volumes.keys()) {
      if (!(container.volumeMounts ?? []).some((m) => m.name === name)) problems.push(`volume ${name} is mounted nowhere`);
    }
    const paths = (container.volumeMounts ?? []).map((m) => m.mountPath);
    if (new Set(paths).size !== paths.length) problems.push(`duplicate mount paths ${paths}`);
    return problems;
  });

  check("Secrets are mounted read-only, readable by the pod's group only", () => {
    const problems = [];
    const got = {};
    for (const v of podSpec.volumes ?? []) {
      if (!v.secret) continue;
      const mount = (container.volumeMounts ?? []).find((m) => m.name === v.name);
      got[mount?.mountPath] = v.secret.secretName;
      if (v.secret.defaultMode !== 0o440) problems.push(`secret volume ${v.name}: defaultMode ${v.secret.defaultMode?.toString(8)}, want 440`);
      if (!mount?.readOnly) problems.push(`secret volume ${v.name} is not mounted readOnly`);
    }
    if (Object.keys(got).length && podSpec.securityContext?.fsGroup === undefined) {
      problems.push("secret files are group-readable only, but the pod sets no fsGroup");
    }
    if (!same(got, expect.secretMounts ?? {})) problems.push(`secret mounts ${JSON.stringify(got)}, want ${JSON.stringify(expect.secretMounts ?? {})}`);
    return problems;
  });

  check("probes hit /healthz and /readyz on the http.listen port", () => {
    const problems = [];
    const httpPort = listenPort(firstListen(config.http?.listen ?? ""));
    const ports = container.ports ?? [];
    const probes = { livenessProbe: "/healthz", readinessProbe: "/readyz", startupProbe: "/healthz" };
    for (const [probe, path] of Object.entries(probes)) {
      const get = container[probe]?.httpGet;
      if (!get) { problems.push(`${probe} is not an httpGet probe`); continue; }
      if (get.path !== path) problems.push(`${probe} path ${get.path}, want ${path}`);
      const port = typeof get.port === "number" ? get.port : ports.find((p) => p.name === get.port)?.containerPort;
      if (port !== httpPort) problems.push(`${probe} port ${get.port} -> ${port}, want http.listen's ${httpPort}`);
    }
    return problems;
  });

  check("container runs non-root with a read-only root filesystem and no capabilities", () => {
    const problems = [];
    const pod = podSpec.securityContext ?? {};
    const c = container.securityContext ?? {};
    const effective = (k) => (c[k] !== undefined ? c[k] : pod[k]);
    if (effective("runAsNonRoot") !== true) problems.push("runAsNonRoot is not true");
    const uid = effective("runAsUser");
    if (uid === undefined || uid === 0) problems.push(`runAsUser ${uid} (want a non-zero uid, so runAsNonRoot can verify it)`);
    if (c.readOnlyRootFilesystem !== true) problems.push("readOnlyRootFilesystem is not true");
    if (c.allowPrivilegeEscalation !== false) problems.push("allowPrivilegeEscalation is not false");
    if (c.privileged) problems.push("privileged");
    if (!(c.capabilities?.drop ?? []).includes("ALL")) problems.push("capabilities do not drop ALL");
    if ((c.capabilities?.add ?? []).length) problems.push(`capabilities added: ${c.capabilities.add}`);
    if (effective("seccompProfile")?.type !== "RuntimeDefault") problems.push("seccompProfile is not RuntimeDefault");
    for (const k of ["hostNetwork", "hostPID", "hostIPC"]) if (podSpec[k]) problems.push(`${k} is on`);
    return problems;
  });

  check("POD_NAMESPACE comes from the downward API; the pod uses the chart's ServiceAccount", () => {
    const problems = [];
    const env = (container.env ?? []).find((e) => e.name === "POD_NAMESPACE");
    if (env?.valueFrom?.fieldRef?.fieldPath !== "metadata.namespace") problems.push(`POD_NAMESPACE is ${JSON.stringify(env)}`);
    const sas = byKind("ServiceAccount");
    const want = sas.length ? sas[0].metadata.name : "default";
    if (podSpec.serviceAccountName !== want) problems.push(`serviceAccountName ${podSpec.serviceAccountName}, want ${want}`);
    return problems;
  });

  check("the ServiceAccount token is mounted exactly when Lanyard calls the API", () => {
    const le = config.leaderElection ?? {};
    const certs = config.certificates ?? {};
    const usesApi = config.sources?.kubernetes?.enabled === true
      || (le.enabled ?? config.sources?.kubernetes?.enabled === true)
      || (certs.certificates ?? []).some((c) => (c.stores ?? []).some((st) => st.secret))
      || (certs.issuers ?? []).some((i) => i.ca?.secret || i.acme?.accountKey?.secret)
      || byKind("Role").length > 0 || byKind("ClusterRole").length > 0;
    const mounted = podSpec.automountServiceAccountToken !== false;
    const problems = mounted === usesApi ? [] : [`automountServiceAccountToken is ${mounted}, but the pod ${usesApi ? "calls" : "never calls"} the API`];
    if (podSpec.enableServiceLinks !== false) problems.push("enableServiceLinks is not false (every Service in the namespace becomes environment variables)");
    return problems;
  });

  check("container ports have valid, unique names and numbers", () => {
    const problems = [];
    const ports = container.ports ?? [];
    for (const p of ports) if (!IANA_SVC_NAME.test(p.name ?? "")) problems.push(`port name ${p.name} is not a valid port name`);
    const names = ports.map((p) => p.name);
    if (new Set(names).size !== names.length) problems.push(`duplicate port names ${names}`);
    const keys = ports.map((p) => `${p.containerPort}/${p.protocol ?? "TCP"}`);
    if (new Set(keys).size !== keys.length) problems.push(`duplicate ports ${keys}`);
    return problems;
  });

  check("pods prefer different nodes (anti-affinity by hostname)", () => {
    const terms = podSpec.affinity?.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? [];
    const ok = terms.some((t) => t.podAffinityTerm?.topologyKey === "kubernetes.io/hostname"
      && selects(t.podAffinityTerm?.labelSelector?.matchLabels, podLabels));
    return ok === expect.antiAffinity ? [] : [`anti-affinity by hostname is ${ok}, want ${expect.antiAffinity}`];
  });

  const dnsServices = byKind("Service").filter((s) => s.metadata.labels?.["app.kubernetes.io/component"] === "dns");
  check("each DNS Service maps UDP and TCP 53 to the container port its listener opens", () => {
    const problems = [];
    const want = expect.dnsServices;
    const names = sorted(dnsServices.map((s) => s.metadata.name));
    if (!same(names, sorted(Object.keys(want)))) problems.push(`DNS Services ${names}, want ${sorted(Object.keys(want))}`);
    for (const svc of dnsServices) {
      const name = svc.metadata.name;
      const view = svc.metadata.labels["lanyard.dev/view"];
      let listen;
      if (view === undefined) {
        listen = firstListen(config.dns?.listen);
      } else {
        const v = (config.views ?? []).find((x) => x.name === view);
        if (!v) { problems.push(`${name}: config has no view ${view}`); continue; }
        listen = firstListen(v.listeners);
      }
      const port = listenPort(listen);
      if (!selects(svc.spec.selector, podLabels) || !same(svc.spec.selector, selector)) {
        problems.push(`${name}: selector ${JSON.stringify(svc.spec.selector)} is not the Deployment's`);
      }
      const protocols = sorted((svc.spec.ports ?? []).map((p) => p.protocol));
      if (!same(protocols, ["TCP", "UDP"])) problems.push(`${name}: ports ${protocols}, want one UDP and one TCP`);
      for (const sp of svc.spec.ports ?? []) {
        if (sp.port !== 53) problems.push(`${name}: port ${sp.port}/${sp.protocol}, want 53`);
        const target = typeof sp.targetPort === "number"
          ? (container.ports ?? []).find((p) => p.containerPort === sp.targetPort && (p.protocol ?? "TCP") === sp.protocol)
          : (container.ports ?? []).find((p) => p.name === sp.targetPort);
        if (!target) { problems.push(`${name}: targetPort ${sp.targetPort} is no container port`); continue; }
        if ((target.protocol ?? "TCP") !== sp.protocol) problems.push(`${name}: ${sp.protocol} 53 -> ${target.name} which is ${target.protocol}`);
        if (target.containerPort !== port) {
          problems.push(`${name}: ${sp.protocol} 53 -> ${target.containerPort}, but ${view ? `view ${view}` : "dns.listen[0]"} listens on ${listen}`);
        }
      }
      const w = want[name];
      if (!w) continue;
      if (port !== w.containerPort) problems.push(`${name}: reaches ${port}, want ${w.containerPort}`);
      const spec = svc.spec;
      if (spec.type !== w.type) problems.push(`${name}: type ${spec.type}, want ${w.type}`);
      for (const k of ["loadBalancerClass", "externalTrafficPolicy", "ipFamilyPolicy"]) {
        if (spec[k] !== w[k]) problems.push(`${name}: ${k} ${spec[k]}, want ${w[k]}`);
      }
      if (!same(spec.loadBalancerSourceRanges, w.loadBalancerSourceRanges)) {
        problems.push(`${name}: loadBalancerSourceRanges ${spec.loadBalancerSourceRanges}, want ${w.loadBalancerSourceRanges}`);
      }
      if (!same(svc.metadata.annotations ?? {}, w.annotations ?? {})) {
        problems.push(`${name}: annotations ${JSON.stringify(svc.metadata.annotations)}, want ${JSON.stringify(w.annotations ?? {})}`);
      }
      if (spec.type === "ClusterIP" && (spec.externalTrafficPolicy || spec.loadBalancerSourceRanges)) {
        problems.push(`${name}: a ClusterIP Service with externalTrafficPolicy/loadBalancerSourceRanges is rejected by the API`);
      }
    }
    return problems;
  });

  check("the HTTP Service and ServiceMonitor reach /metrics on the http port", () => {
    const problems = [];
    const http = byKind("Service").filter((s) => s.metadata.labels?.["app.kubernetes.io/component"] === "http");
    for (const svc of http) {
      const target = svc.spec.ports?.[0]?.targetPort;
      const cp = (container.ports ?? []).find((p) => p.name === target || p.containerPort === target);
      if (cp?.containerPort !== listenPort(firstListen(config.http?.listen))) problems.push(`${svc.metadata.name}: targets ${target}, not http.listen`);
      if (!same(svc.spec.selector, selector)) problems.push(`${svc.metadata.name}: selector is not the Deployment's`);
    }
    for (const sm of byKind("ServiceMonitor")) {
      const matched = byKind("Service").filter((s) => s.metadata.namespace === release.namespace
        && selects(sm.spec.selector?.matchLabels, s.metadata.labels));
      if (matched.length !== 1 || matched[0].metadata.labels["app.kubernetes.io/component"] !== "http") {
        problems.push(`ServiceMonitor selects ${matched.map((s) => s.metadata.name)}, want only the HTTP Service`);
        continue;
      }
      const names = sm.spec.namespaceSelector?.matchNames ?? [sm.metadata.namespace];
      if (!names.includes(release.namespace)) problems.push(`ServiceMonitor looks in ${names}, not ${release.namespace}`);
      for (const e of sm.spec.endpoints) {
        if (!matched[0].spec.ports.some((p) => p.name === e.port)) problems.push(`ServiceMonitor port ${e.port} is not on the Service`);
        if (e.path !== "/metrics") problems.push(`ServiceMonitor path ${e.path}`);
      }
    }
    return problems;
  });

  check("PodDisruptionBudget selects the pods and allows a drain", () => {
    const pdbs = byKind("PodDisruptionBudget");
    const problems = [];
    for (const pdb of pdbs) {
      if (!same(pdb.spec.selector?.matchLabels, selector)) problems.push("PDB selector is not the Deployment's");
      const { minAvailable, maxUnavailable } = pdb.spec;
      if (typeof minAvailable === "number" && minAvailable >= expect.replicas) problems.push(`minAvailable ${minAvailable} blocks every drain`);
      if (maxUnavailable === 0 || maxUnavailable === "0%") problems.push("maxUnavailable 0 blocks every drain");
    }
    return problems;
  });

  check("ClusterRole grants exactly the reads Lanyard makes", () => {
    const problems = [];
    const roles = byKind("ClusterRole");
    const wantRole = config.sources?.kubernetes?.enabled === true;
    if (roles.length !== (wantRole ? 1 : 0)) return [`${roles.length} ClusterRoles, want ${wantRole ? 1 : 0} (sources.kubernetes.enabled is ${wantRole})`];
    for (const role of roles) {
      const table = ruleTable(role.rules, problems, role.metadata.name);
      const want = new Map();
      for (const [group, resources] of Object.entries(CLUSTER_READS)) for (const r of resources) want.set(`${group}|${r}|`, READ);
      for (const [k, verbs] of table) {
        if (!want.has(k)) problems.push(`grants ${verbs} on ${k} which Lanyard never reads`);
        else if (!same(verbs, want.get(k))) problems.push(`${k}: verbs ${verbs}, want ${READ}`);
      }
      for (const k of want.keys()) if (!table.has(k)) problems.push(`does not grant ${READ} on ${k}`);
    }
    return problems;
  });

  const roles = byKind("Role");
  const rolesNamed = (suffix) => roles.filter((r) => r.metadata.name.endsWith(suffix));
  check("Secrets: read-write only in the store namespaces, get only on the CA Secrets", () => {
    const problems = [];
    const write = rolesNamed("-secrets");
    const ca = rolesNamed("-ca");
    for (const r of write) {
      const table = ruleTable(r.rules, problems, objectId(r));
      if (!same([...table.entries()], [["|secrets|", SECRET_WRITE]])) problems.push(`${objectId(r)}: rules ${JSON.stringify([...table])}`);
    }
    const caGot = {};
    for (const r of ca) {
      const table = ruleTable(r.rules, problems, objectId(r));
      for (const [k, verbs] of table) {
        const [group, resource, names] = k.split("|");
        if (group !== "" || resource !== "secrets" || !same(verbs, ["get"]) || !names) problems.push(`${objectId(r)}: ${k} ${verbs}`);
        caGot[r.metadata.namespace] = sorted([...(caGot[r.metadata.namespace] ?? []), ...names.split(",")]);
      }
    }
    const writeGot = sorted(write.map((r) => r.metadata.namespace));
    if (!same(writeGot, sorted(expect.secretWrite))) problems.push(`Secret write namespaces ${writeGot}, want ${expect.secretWrite}`);
    if (!same(caGot, expect.caSecrets)) problems.push(`CA Secret access ${JSON.stringify(caGot)}, want ${JSON.stringify(expect.caSecrets)}`);
    // Independently of the expectation: the Secrets the config names must be reachable.
    const certs = config.certificates ?? {};
    const refs = [];
    for (const c of certs.certificates ?? []) for (const s of c.stores ?? []) if (s.secret) refs.push(s.secret);
    for (const i of certs.issuers ?? []) if (i.acme?.accountKey?.secret) refs.push(i.acme.accountKey.secret);
    for (const ref of refs) if (!writeGot.includes(ref.split("/")[0])) problems.push(`config writes Secret ${ref}, but no Role allows it`);
    for (const i of certs.issuers ?? []) {
      if (!i.ca?.secret) continue;
      const [ns, name] = i.ca.secret.split("/");
      if (!(caGot[ns] ?? []).includes(name) && !writeGot.includes(ns)) problems.push(`config reads CA Secret ${i.ca.secret}, but no Role allows it`);
    }
    for (const r of roles) {
      if (!["-secrets", "-ca", "-leader"].some((s) => r.metadata.name.endsWith(s))) problems.push(`unexpected Role ${objectId(r)}`);
    }
    for (const c of byKind("ClusterRole")) {
      if ((c.rules ?? []).some((r) => (r.resources ?? []).includes("secrets"))) problems.push(`ClusterRole ${c.metadata.name} grants Secrets`);
    }
    return problems;
  });

  check("Lease: create, and get/update/patch on its own name, where the app looks for it", () => {
    const problems = [];
    const leader = rolesNamed("-leader");
    const le = config.leaderElection ?? {};
    const enabled = le.enabled ?? config.sources?.kubernetes?.enabled === true;
    const derived = enabled ? { namespace: le.namespace ?? release.namespace, name: le.leaseName } : null;
    if (!same(derived, expect.lease)) problems.push(`config implies Lease ${JSON.stringify(derived)}, want ${JSON.stringify(expect.lease)}`);
    if (!enabled) return leader.length ? [...problems, "leader election is off, yet a Lease Role exists"] : problems;
    if (leader.length !== 1) return [...problems, `${leader.length} Lease Roles, want 1`];
    const r = leader[0];
    if (r.metadata.namespace !== derived.namespace) problems.push(`Lease Role in ${r.metadata.namespace}, want ${derived.namespace}`);
    const table = ruleTable(r.rules, problems, objectId(r));
    const want = [[`coordination.k8s.io|leases|`, ["create"]], [`coordination.k8s.io|leases|${derived.name}`, ["get", "patch", "update"]]];
    if (!same(sorted([...table.entries()].map(JSON.stringify)), sorted(want.map(JSON.stringify)))) {
      problems.push(`rules ${JSON.stringify([...table])}, want ${JSON.stringify(want)}`);
    }
    return problems;
  });

  check("every role is bound to the chart's ServiceAccount, and only to it", () => {
    const problems = [];
    const sa = podSpec.serviceAccountName;
    const bindings = [...byKind("RoleBinding"), ...byKind("ClusterRoleBinding")];
    for (const role of [...roles, ...byKind("ClusterRole")]) {
      const kind = role.kind;
      const bound = bindings.filter((b) => b.roleRef?.kind === kind && b.roleRef?.name === role.metadata.name
        && (kind === "ClusterRole" || b.metadata.namespace === role.metadata.namespace));
      if (bound.length !== 1) problems.push(`${objectId(role)}: ${bound.length} bindings`);
    }
    for (const b of bindings) {
      const target = [...roles, ...byKind("ClusterRole")].find((r) => r.kind === b.roleRef?.kind && r.metadata.name === b.roleRef?.name
        && (r.kind === "ClusterRole" || r.metadata.namespace === b.metadata.namespace));
      if (!target) problems.push(`${objectId(b)}: references ${b.roleRef?.kind}/${b.roleRef?.name} which the chart does not render`);
      if (!same(b.subjects, [{ kind: "ServiceAccount", name: sa, namespace: release.namespace }])) {
        problems.push(`${objectId(b)}: subjects ${JSON.stringify(b.subjects)}`);
      }
    }
    return problems;
  });

  check("NOTES.txt prints the dig line to try", () => {
    const problems = [];
    for (const line of expect.notes ?? []) if (!release.notes.includes(line)) problems.push(`NOTES lacks ${JSON.stringify(line)}`);
    for (const line of expect.notesAbsent ?? []) if (release.notes.includes(line)) problems.push(`NOTES should not say ${JSON.stringify(line)}`);
    if (!/dig .*SOA/.test(release.notes)) problems.push("NOTES has no dig line");
    return problems;
  });

  return results;
}
