// Schema validation of rendered Kubernetes objects with the npm package kubernetes-models (and
// @kubernetes-models/gateway-api): their ajv validators check types, enums and required fields. They accept
// unknown fields, which the API server rejects (or silently drops), so this module also walks each object against
// the models' TypeScript declarations and reports every field the API does not define.
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";

/** The package that models an API group: Gateway API groups have their own. */
function packageOf(group) {
  return group.startsWith("gateway.networking.") ? "@kubernetes-models/gateway-api" : "kubernetes-models";
}

export class KubeSchema {
  constructor(modulesDir) {
    this.modulesDir = modulesDir;
    this.interfaces = new Map();
  }

  /** The .d.ts/.js base path of a kind's model, or null when no package models it. */
  modelPath(apiVersion, kind) {
    const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : ["", apiVersion];
    const base = join(this.modulesDir, packageOf(group), group, version, kind);
    return existsSync(base + ".js") && existsSync(base + ".d.ts") ? base : null;
  }

  /** Problems of one object, as "path: message" strings; empty when valid. */
  async validate(obj) {
    const base = this.modelPath(obj.apiVersion, obj.kind);
    if (base === null) return null;
    const module = await import(pathToFileURL(base + ".js").href);
    const Model = module[obj.kind];
    const problems = [];
    try {
      new Model(obj).validate();
    } catch (e) {
      const errors = e.errors ?? [{ instancePath: "", message: e.message }];
      for (const err of errors) problems.push(`${err.instancePath || "/"}: ${err.message}`);
    }
    this.unknownFields(obj, base + ".d.ts", "", problems);
    return problems;
  }

  /** Parses the first interface of a .d.ts file: field name -> type text, plus the file's imports. */
  parse(file) {
    if (this.interfaces.has(file)) return this.interfaces.get(file);
    const text = readFileSync(file, "utf8").replace(/\/\*[\s\S]*?\*\//g, "");
    const imports = new Map();
    for (const m of text.matchAll(/import \{ (\w+) \} from "([^"]+)";/g)) imports.set(m[1], m[2]);
    const start = text.search(/export interface \w+[^{]*\{/);
    let parsed = null;
    if (start >= 0) {
      const open = text.indexOf("{", start);
      const fields = new Map();
      let depth = 0;
      let i = open;
      for (; i < text.length; i++) {
        if (text[i] === "{") depth++;
        if (text[i] === "}" && --depth === 0) break;
      }
      const body = text.slice(open + 1, i);
      let pos = 0;
      const fieldRe = /"([^"]+)"\??:\s*/y;
      while (pos < body.length) {
        if (/\s/.test(body[pos])) { pos++; continue; }
        fieldRe.lastIndex = pos;
        const m = fieldRe.exec(body);
        if (!m) break;
        let j = fieldRe.lastIndex;
        let d = 0;
        for (; j < body.length; j++) {
          const c = body[j];
          if (c === "{" || c === "<" || c === "(") d++;
          if (c === "}" || c === ">" || c === ")") d--;
          if (c === ";" && d === 0) break;
        }
        fields.set(m[1], body.slice(fieldRe.lastIndex, j).trim());
        pos = j + 1;
      }
      parsed = { fields, imports };
    }
    this.interfaces.set(file, parsed);
    return parsed;
  }

  resolveImport(fromFile, spec) {
    const base = spec.startsWith(".") ? join(dirname(fromFile), spec) : join(this.modulesDir, spec);
    return base.replace(/\.js$/, "") + ".d.ts";
  }

  /** Walks value against the type text declared in file; reports fields the type does not have. */
  unknownFields(value, file, path, problems) {
    const iface = this.parse(file);
    if (iface === null || value === null || typeof value !== "object" || Array.isArray(value)) return;
    for (const [key, child] of Object.entries(value)) {
      const childPath = `${path}/${key}`;
      if (!iface.fields.has(key)) {
        problems.push(`${childPath}: unknown field "${key}" (the API knows: ${[...iface.fields.keys()].join(", ")})`);
        continue;
      }
      this.walkTypeText(child, iface.fields.get(key), file, iface.imports, childPath, problems);
    }
  }

  walkTypeText(value, typeText, file, imports, path, problems) {
    if (value === null || value === undefined) return;
    const array = /^Array<(.+)>$/s.exec(typeText);
    if (array) {
      if (Array.isArray(value)) {
        value.forEach((v, i) => this.walkTypeText(v, array[1].trim(), file, imports, `${path}/${i}`, problems));
      }
      return;
    }
    const map = /^\{\s*\[key: string\]:\s*(.+?);?\s*\}$/s.exec(typeText);
    if (map) {
      if (typeof value === "object" && !Array.isArray(value)) {
        for (const [k, v] of Object.entries(value)) {
          this.walkTypeText(v, map[1].trim(), file, imports, `${path}/${k}`, problems);
        }
      }
      return;
    }
    if (imports.has(typeText)) {
      this.unknownFields(value, this.resolveImport(file, imports.get(typeText)), path, problems);
    }
  }
}

/** DNS-1123 subdomain (most object names). */
export const DNS1123_SUBDOMAIN = /^(?=.{1,253}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
/** DNS-1035 label (Service names). */
export const DNS1035_LABEL = /^(?=.{1,63}$)[a-z]([-a-z0-9]*[a-z0-9])?$/;
/** IANA service name (container and Service port names). */
export const IANA_SVC_NAME = /^(?=.{1,15}$)(?=.*[a-z])[a-z0-9]+(-[a-z0-9]+)*$/;
const LABEL_VALUE = /^(|[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)$/;
const LABEL_KEY = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;

/** What the API server checks on every object that the models do not: names and labels. */
export function metadataProblems(obj) {
  const problems = [];
  const meta = obj.metadata ?? {};
  const nameRule = obj.kind === "Service" ? DNS1035_LABEL : DNS1123_SUBDOMAIN;
  if (typeof meta.name !== "string" || !nameRule.test(meta.name)) {
    problems.push(`/metadata/name: ${JSON.stringify(meta.name)} is not a valid ${obj.kind} name (${nameRule})`);
  }
  if (meta.namespace !== undefined && !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(meta.namespace)) {
    problems.push(`/metadata/namespace: ${JSON.stringify(meta.namespace)} is not a namespace name`);
  }
  for (const [where, labels] of [["/metadata/labels", meta.labels],
    ["/spec/template/metadata/labels", obj.spec?.template?.metadata?.labels]]) {
    for (const [k, v] of Object.entries(labels ?? {})) {
      if (!LABEL_KEY.test(k) || k.length > 316) problems.push(`${where}: label key ${JSON.stringify(k)} is invalid`);
      if (typeof v !== "string" || !LABEL_VALUE.test(v)) {
        problems.push(`${where}/${k}: label value ${JSON.stringify(v)} is invalid (63 characters at most, alphanumeric ends)`);
      }
    }
  }
  for (const [k, v] of Object.entries(meta.annotations ?? {})) {
    if (typeof v !== "string") problems.push(`/metadata/annotations/${k}: must be a string, not ${JSON.stringify(v)}`);
  }
  return problems;
}

/** A ServiceMonitor (monitoring.coreos.com/v1): no model in kubernetes-models, so its shape is checked here. */
export function serviceMonitorProblems(obj) {
  const problems = [];
  const spec = obj.spec;
  const known = new Set(["endpoints", "selector", "namespaceSelector", "jobLabel", "targetLabels", "podTargetLabels",
    "sampleLimit", "scrapeProtocols", "targetLimit", "labelLimit", "labelNameLengthLimit", "labelValueLengthLimit",
    "attachMetadata", "scrapeClass", "bodySizeLimit", "keepDroppedTargets", "fallbackScrapeProtocol",
    "selectorMechanism", "serviceDiscoveryRole", "nativeHistogramBucketLimit", "nativeHistogramMinBucketFactor",
    "convertClassicHistogramsToNHCB", "scrapeClassicHistograms"]);
  const endpointKeys = new Set(["port", "targetPort", "path", "scheme", "params", "interval", "scrapeTimeout",
    "tlsConfig", "bearerTokenFile", "bearerTokenSecret", "authorization", "honorLabels", "honorTimestamps",
    "trackTimestampsStaleness", "basicAuth", "oauth2", "metricRelabelings", "relabelings", "proxyUrl",
    "followRedirects", "enableHttp2", "filterRunning", "noProxy", "proxyFromEnvironment", "proxyConnectHeader"]);
  const duration = /^(0|(([0-9]+)y)?(([0-9]+)w)?(([0-9]+)d)?(([0-9]+)h)?(([0-9]+)m)?(([0-9]+)s)?(([0-9]+)ms)?)$/;
  if (obj.apiVersion !== "monitoring.coreos.com/v1") problems.push(`/apiVersion: ${obj.apiVersion} is not monitoring.coreos.com/v1`);
  if (typeof spec !== "object" || spec === null) return [...problems, "/spec: required"];
  for (const k of Object.keys(spec)) if (!known.has(k)) problems.push(`/spec/${k}: unknown field`);
  if (typeof spec.selector !== "object" || spec.selector === null) problems.push("/spec/selector: required");
  if (!Array.isArray(spec.endpoints) || spec.endpoints.length === 0) problems.push("/spec/endpoints: needs at least one endpoint");
  (spec.endpoints ?? []).forEach((e, i) => {
    for (const k of Object.keys(e)) if (!endpointKeys.has(k)) problems.push(`/spec/endpoints/${i}/${k}: unknown field`);
    if (typeof e.port !== "string") problems.push(`/spec/endpoints/${i}/port: must name a Service port`);
    for (const k of ["interval", "scrapeTimeout"]) {
      if (e[k] !== undefined && !duration.test(e[k])) problems.push(`/spec/endpoints/${i}/${k}: ${e[k]} is not a Prometheus duration`);
    }
    if (e.scheme !== undefined && !["http", "https"].includes(e.scheme)) problems.push(`/spec/endpoints/${i}/scheme: http or https`);
    for (const k of ["relabelings", "metricRelabelings"]) {
      if (e[k] !== undefined && !Array.isArray(e[k])) problems.push(`/spec/endpoints/${i}/${k}: must be a list`);
    }
  });
  const names = spec.namespaceSelector?.matchNames;
  if (names !== undefined && (!Array.isArray(names) || names.some((n) => typeof n !== "string"))) {
    problems.push("/spec/namespaceSelector/matchNames: must be a list of namespace names");
  }
  return problems;
}
