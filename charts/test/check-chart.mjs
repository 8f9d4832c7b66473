// Lints, renders and validates charts/lanyard with each helm binary given; checks the Dockerfile's contract.
// Run through run.sh, which installs helm and the npm packages first:
//   node check-chart.mjs --modules DIR --helm PATH [--helm PATH...] [--out DIR]
// Exit status 0 when every check passed, 1 otherwise; the last line reads "chart: N passed, M failed".
import { execFile } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { checkChart } from "./lib/chart-invariants.mjs";
import { checkDockerfile } from "./lib/dockerfile.mjs";
import { KubeSchema, metadataProblems, serviceMonitorProblems } from "./lib/kube-schema.mjs";

const run = promisify(execFile);
const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "..", "..");
const chart = join(root, "charts", "lanyard");
const NOTES_PROBE = "templates/zz-test-notes.yaml";

function parseArgs(argv) {
  const args = { helm: [], modules: null, out: null };
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (value === undefined) throw new Error(`${flag} needs a value`);
    if (flag === "--helm") args.helm.push(value);
    else if (flag === "--modules") args.modules = value;
    else if (flag === "--out") args.out = value;
    else throw new Error(`unknown argument ${flag}`);
  }
  if (!args.modules || args.helm.length === 0) throw new Error("usage: check-chart.mjs --modules DIR --helm PATH... [--out DIR]");
  return args;
}

async function helm(binary, args) {
  try {
    const { stdout, stderr } = await run(binary, args, { maxBuffer: 64 << 20, env: { ...process.env, HELM_DEBUG: "" } });
    return { ok: true, stdout, stderr };
  } catch (e) {
    return { ok: false, stdout: e.stdout ?? "", stderr: (e.stderr ?? "") || e.message };
  }
}

const args = parseArgs(process.argv.slice(2));
const YAML = createRequire(join(args.modules, "..", "package.json"))("yaml");
const parseYaml = (text) => YAML.parse(text, { version: "1.1" });
const parseDocs = (text) => YAML.parseAllDocuments(text, { version: "1.1" }).map((d) => {
  if (d.errors.length) throw new Error(`helm produced invalid YAML: ${d.errors[0].message}`);
  return d.toJS();
}).filter((o) => o !== null && o !== undefined);
const schema = new KubeSchema(args.modules);
const cases = parseYaml(readFileSync(join(here, "cases.yaml"), "utf8"));

// The chart plus one template that exposes the rendered NOTES.txt (helm template never prints it).
const work = mkdtempSync(join(tmpdir(), "lanyard-chart-"));
const probeChart = join(work, "lanyard");
cpSync(chart, probeChart, { recursive: true });
writeFileSync(join(probeChart, NOTES_PROBE),
  'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: notes}\ndata:\n  notes: {{ include (print $.Template.BasePath "/NOTES.txt") . | toJson }}\n');

let passed = 0;
let failed = 0;
function report(label, results) {
  const bad = results.filter((r) => r.problems.length);
  passed += results.length - bad.length;
  failed += bad.length;
  console.log(`${bad.length ? "FAIL" : "ok  "}  ${label}: ${results.length - bad.length}/${results.length} checks passed`);
  for (const r of bad) {
    console.log(`      ✗ ${r.name}`);
    for (const p of r.problems) console.log(`          ${p}`);
  }
}

let chartDefaults = null;
try {
  for (const binary of args.helm) {
    const version = (await helm(binary, ["version", "--short"])).stdout.trim();
    for (const c of cases.render) {
      const label = `${version} ${c.name}`;
      const valueArgs = c.values.flatMap((v) => ["-f", join(here, v)]);
      const results = [];
      const lint = await helm(binary, ["lint", "--strict", chart, "--namespace", c.namespace, ...valueArgs]);
      results.push({ name: "helm lint --strict", problems: lint.ok ? [] : [lint.stdout + lint.stderr] });
      const tpl = await helm(binary, ["template", c.release, chart, "--namespace", c.namespace, ...valueArgs]);
      if (!tpl.ok) {
        report(label, [...results, { name: "helm template", problems: [tpl.stderr] }]);
        continue;
      }
      results.push({ name: "helm template", problems: [] });
      const objects = parseDocs(tpl.stdout);
      const notesOut = await helm(binary, ["template", c.release, probeChart, "--namespace", c.namespace, ...valueArgs,
        "--show-only", NOTES_PROBE]);
      const notes = notesOut.ok ? parseDocs(notesOut.stdout)[0].data.notes : "";
      results.push({ name: "NOTES.txt renders", problems: notesOut.ok ? [] : [notesOut.stderr] });

      for (const o of objects) {
        const id = `${o.kind}/${o.metadata?.name}`;
        let problems = metadataProblems(o);
        const modelled = await schema.validate(o);
        if (modelled !== null) problems = [...problems, ...modelled];
        else if (o.kind === "ServiceMonitor") problems = [...problems, ...serviceMonitorProblems(o)];
        else problems.push(`no schema for ${o.apiVersion} ${o.kind}: add a check for it`);
        results.push({ name: `schema: ${id}`, problems });
      }
      results.push(...checkChart(objects, { name: c.release, namespace: c.namespace, notes, parseYaml }, c.expect));
      report(label, results);

      if (c.name === "default" && chartDefaults === null) {
        const pod = objects.find((o) => o.kind === "Deployment").spec.template.spec;
        const container = pod.containers[0];
        chartDefaults = {
          runAsUser: pod.securityContext.runAsUser,
          runAsGroup: pod.securityContext.runAsGroup,
          configPath: container.args[container.args.indexOf("--config") + 1],
          ports: container.ports.map((p) => `${p.containerPort}/${(p.protocol ?? "TCP").toLowerCase()}`),
        };
      }
      if (args.out) {
        const dir = join(args.out, version.replace(/[^A-Za-z0-9.+-]/g, "_"), c.name);
        mkdirSync(dir, { recursive: true });
        writeFileSync(join(dir, "manifests.yaml"), tpl.stdout);
        writeFileSync(join(dir, "NOTES.txt"), notes);
        const cm = objects.find((o) => o.kind === "ConfigMap");
        if (cm) writeFileSync(join(dir, "lanyard.yaml"), cm.data["lanyard.yaml"]);
      }
    }

    const rejects = [];
    for (const c of cases.reject) {
      const file = join(work, "reject.yaml");
      writeFileSync(file, JSON.stringify(c.values));
      const out = await helm(binary, ["template", "lanyard", chart, "--namespace", "dns", "-f", file]);
      const pattern = new RegExp(c.error, "i");
      const problems = out.ok ? ["helm accepted these values"]
        : pattern.test(out.stderr) ? [] : [`error does not match /${c.error}/i:\n${out.stderr.trim()}`];
      rejects.push({ name: `rejects ${c.name}`, problems });
    }
    report(`${version} rejects bad values`, rejects);
  }

  if (chartDefaults === null) {
    report("Dockerfile", [{ name: "default render", problems: ["the default case did not render; cannot compare"] }]);
  } else {
    report("Dockerfile", checkDockerfile(root, chartDefaults));
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

console.log(`chart: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
