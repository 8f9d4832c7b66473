// The Dockerfile cannot be built here (no container engine), so its contract is checked as text: it copies the jar
// the Maven build produces, runs it as the uid the chart expects, and exposes the ports the chart wires.
import { readFileSync } from "node:fs";
import { join } from "node:path";

/** Dockerfile instructions as [keyword, argument text], with continuation lines joined and comments dropped. */
export function instructions(text) {
  const joined = text.replace(/\\\r?\n/g, " ");
  return joined.split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith("#"))
    .map((l) => {
      const m = /^(\S+)\s*(.*)$/.exec(l);
      return [m[1].toUpperCase(), m[2].replace(/\s+/g, " ").trim()];
    });
}

/** The path of the runnable jar app/pom.xml builds, relative to the repository root. */
export function builtJar(root) {
  const pom = readFileSync(join(root, "app", "pom.xml"), "utf8");
  const out = /<outputFile>\s*\$\{project\.build\.directory\}\/([^<\s]+)\s*<\/outputFile>/.exec(pom);
  if (!out) throw new Error("app/pom.xml: no shade <outputFile>${project.build.directory}/...</outputFile>; cannot tell which jar the build produces");
  return `app/target/${out[1]}`;
}

function modules(root) {
  const pom = readFileSync(join(root, "pom.xml"), "utf8");
  return [...pom.matchAll(/<module>([^<]+)<\/module>/g)].map((m) => m[1].trim());
}

export function checkDockerfile(root, chartDefaults) {
  const results = [];
  const check = (name, fn) => {
    let problems;
    try {
      problems = fn();
    } catch (e) {
      problems = [e.message];
    }
    results.push({ name, problems });
  };
  const text = readFileSync(join(root, "Dockerfile"), "utf8");
  const ins = instructions(text);
  const stages = [];
  for (const [k, arg] of ins) {
    if (k === "FROM") stages.push({ from: arg, ins: [] });
    else if (stages.length) stages.at(-1).ins.push([k, arg]);
  }
  const runtime = stages.at(-1);
  const build = stages[0];
  const final = (k) => runtime.ins.filter(([kw]) => kw === k).map(([, a]) => a);
  const exec = (arg) => {
    try {
      return JSON.parse(arg);
    } catch {
      return null;
    }
  };

  check("Dockerfile copies the jar the build produces (app/pom.xml) to /app/lanyard.jar", () => {
    const jar = builtJar(root);
    const problems = [];
    if (jar !== "app/target/lanyard.jar") problems.push(`app/pom.xml builds ${jar}, not app/target/lanyard.jar`);
    const copies = final("COPY").filter((a) => a.includes("--from="));
    const ok = copies.some((a) => {
      const parts = a.split(" ").filter((p) => !p.startsWith("--"));
      return parts.length === 2 && parts[0].endsWith(`/${jar}`) && parts[1] === "/app/lanyard.jar";
    });
    if (!ok) problems.push(`no "COPY --from=<build> .../${jar} /app/lanyard.jar" in the final stage (found: ${copies.join(" | ")})`);
    return problems;
  });

  check("Dockerfile is multi-stage: JDK 21 build with ./mvnw, JRE 21 runtime", () => {
    const problems = [];
    if (stages.length < 2) return ["want a build stage and a runtime stage"];
    if (!/\bAS\s+\S+$/i.test(build.from)) problems.push(`build stage ${build.from} has no name to COPY --from`);
    if (!/(jdk|maven)[^ ]*21|21[^ ]*jdk/i.test(build.from)) problems.push(`build stage ${build.from} is not a JDK 21 image`);
    const runs = build.ins.filter(([k]) => k === "RUN").map(([, a]) => a).join(" ; ");
    for (const part of ["./mvnw", "-DskipTests", "-pl app", "-am", "package"]) {
      if (!runs.includes(part)) problems.push(`build stage does not run "${part}" (runs: ${runs})`);
    }
    if (!/(jre|distroless\/java)[^ ]*21|21[^ ]*jre|java21/i.test(runtime.from)) problems.push(`runtime ${runtime.from} is not a JRE 21`);
    return problems;
  });

  check("Dockerfile runs java -jar /app/lanyard.jar as the chart's non-root uid", () => {
    const problems = [];
    const entry = exec(final("ENTRYPOINT").at(-1) ?? "");
    if (!Array.isArray(entry) || entry.join(" ") !== "java -jar /app/lanyard.jar") {
      problems.push(`ENTRYPOINT ${final("ENTRYPOINT").at(-1)} is not ["java", "-jar", "/app/lanyard.jar"]`);
    }
    const cmd = exec(final("CMD").at(-1) ?? "");
    if (!Array.isArray(cmd) || cmd.join(" ") !== `serve --config ${chartDefaults.configPath}`) {
      problems.push(`CMD ${final("CMD").at(-1)} is not serve --config ${chartDefaults.configPath} (what the chart passes)`);
    }
    const user = final("USER").at(-1) ?? "";
    const [uid, gid] = user.split(":");
    if (!/^[0-9]+$/.test(uid ?? "")) problems.push(`USER ${user} is not numeric (runAsNonRoot cannot verify a name)`);
    if (Number(uid) === 0) problems.push("USER is root");
    if (Number(uid) !== chartDefaults.runAsUser) problems.push(`USER ${uid} differs from the chart's runAsUser ${chartDefaults.runAsUser}`);
    if (gid !== undefined && Number(gid) !== chartDefaults.runAsGroup) problems.push(`USER group ${gid} differs from the chart's runAsGroup ${chartDefaults.runAsGroup}`);
    return problems;
  });

  check("Dockerfile exposes the ports the chart's defaults open", () => {
    const exposed = new Set(final("EXPOSE").flatMap((a) => a.split(" ")).map((p) => (p.includes("/") ? p : `${p}/tcp`).toLowerCase()));
    return chartDefaults.ports.filter((p) => !exposed.has(p)).map((p) => `EXPOSE lacks ${p}`);
  });

  check(".dockerignore keeps everything the Maven build needs", () => {
    const ignore = readFileSync(join(root, ".dockerignore"), "utf8").split(/\r?\n/).map((l) => l.trim())
      .filter((l) => l && !l.startsWith("#"));
    const needed = ["mvnw", ".mvn", "pom.xml", ...modules(root).flatMap((m) => [`${m}/pom.xml`, `${m}/src/main`])];
    const problems = [];
    for (const pattern of ignore) {
      const re = new RegExp(`^${pattern.replace(/^\//, "").replace(/[.+^${}()|[\]]/g, "\\$&").replace(/\*\*\//g, "(.*/)?")
        .replace(/\*/g, "[^/]*").replace(/\?/g, "[^/]")}(/.*)?$`);
      for (const path of needed) if (!pattern.startsWith("!") && re.test(path)) problems.push(`"${pattern}" excludes ${path}`);
    }
    return problems;
  });

  return results;
}
