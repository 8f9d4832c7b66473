package dev.lanyard.app.http;

import static dev.lanyard.app.http.Html.escape;

import dev.lanyard.certificates.CertificateStatus;
import dev.lanyard.certificates.store.StoreStatus;
import dev.lanyard.core.model.DesiredState;
import dev.lanyard.core.model.Problem;
import dev.lanyard.core.model.RecordSet;
import dev.lanyard.core.model.SourceStatus;
import dev.lanyard.core.model.ViewRecords;
import dev.lanyard.sync.ProviderStatus;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The status page at {@code /}: records per view (filtered by the {@code q} and {@code view} query
 * parameters, so it works without scripts), the sources, provider sync with the last plan,
 * certificates on an expiry timeline, and every current problem. Plain HTML and CSS, every value
 * escaped, nothing secret: tokens, TSIG secrets and private keys never reach a {@link StatusSnapshot}.
 */
public final class StatusPage {
  /** The shortest span the certificate timeline shows, so that a single short-lived certificate still reads well. */
  private static final Duration MIN_TIMELINE = Duration.ofDays(30);

  private StatusPage() {}

  /**
   * The record filter from the query string.
   *
   * @param text case-insensitive substring of a record's name, type, values or source objects; empty matches all
   * @param view one view's name; empty means every view
   */
  public record Filter(String text, String view) {
    public static final Filter NONE = new Filter("", "");

    /** Reads {@code q} and {@code view} from a raw (still percent-encoded) query string; ignores the rest. */
    public static Filter parse(String rawQuery) {
      String text = "";
      String view = "";
      if (rawQuery != null) {
        for (String pair : rawQuery.split("&")) {
          int eq = pair.indexOf('=');
          String key = decode(eq < 0 ? pair : pair.substring(0, eq));
          String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
          if (key.equals("q")) {
            text = value.strip();
          } else if (key.equals("view")) {
            view = value.strip();
          }
        }
      }
      return new Filter(text, view);
    }

    private static String decode(String s) {
      try {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        return s;
      }
    }

    boolean active() {
      return !text.isEmpty() || !view.isEmpty();
    }

    boolean matches(RecordSet r) {
      if (text.isEmpty()) {
        return true;
      }
      String needle = text.toLowerCase(Locale.ROOT);
      return r.name().toLowerCase(Locale.ROOT).contains(needle)
          || r.type().name().toLowerCase(Locale.ROOT).equals(needle)
          || r.values().stream().anyMatch(v -> v.toLowerCase(Locale.ROOT).contains(needle))
          || r.resources().stream().anyMatch(v -> v.toLowerCase(Locale.ROOT).contains(needle));
    }
  }

  /** One line of the problems section. */
  record Issue(String where, String severity, String subject, String message) {}

  public static String render(StatusSnapshot s, Filter filter) {
    Readiness readiness = Readiness.of(s);
    List<Issue> issues = issues(s);
    StringBuilder h = new StringBuilder(16_384);
    h.append("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        .append("<title>Lanyard").append(s.zones().isEmpty() ? "" : " · " + escape(String.join(", ", s.zones())))
        .append("</title><style>").append(CSS).append("</style></head><body>\n");
    header(h, s, readiness, issues);
    records(h, s, filter);
    sources(h, s);
    sync(h, s);
    certificates(h, s);
    problems(h, issues);
    h.append("<footer class=\"muted\">Rendered ").append(escape(time(s.now())))
        .append(". Read-only. <a href=\"/metrics\">/metrics</a> · <a href=\"/readyz\">/readyz</a> · ")
        .append("<a href=\"/healthz\">/healthz</a></footer>\n</body></html>\n");
    return h.toString();
  }

  private static void header(StringBuilder h, StatusSnapshot s, Readiness readiness, List<Issue> issues) {
    h.append("<header><h1>Lanyard</h1><p class=\"muted\">");
    h.append(s.zones().isEmpty() ? "no zones configured" : "zones " + escape(String.join(", ", s.zones())));
    s.state().ifPresent(st -> h.append(" · state generation ").append(st.generation()).append(" computed ")
        .append(escape(relative(s.now(), st.createdAt()))));
    h.append("</p>\n<nav><a href=\"#records\">Records</a><a href=\"#sources\">Sources</a><a href=\"#sync\">Sync</a>")
        .append("<a href=\"#certificates\">Certificates</a><a href=\"#problems\">Problems (").append(issues.size())
        .append(")</a></nav>\n<div class=\"cards\">");
    h.append("<div class=\"card\" id=\"readiness\"><div class=\"label\">Readiness</div>");
    if (readiness.ready()) {
      h.append("<div class=\"value ok\">Ready</div><div class=\"muted\">sources synced, DNS listening</div>");
    } else {
      h.append("<div class=\"value bad\">Not ready</div><ul class=\"reasons\">");
      readiness.reasons().forEach(r -> h.append("<li>").append(escape(r)).append("</li>"));
      h.append("</ul>");
    }
    h.append("</div><div class=\"card\" id=\"leader\"><div class=\"label\">Leader</div>");
    var leader = s.leader();
    if (leader.lease().isEmpty()) {
      h.append("<div class=\"value ok\">Leading</div><div class=\"muted\">single process, no Lease</div>");
    } else if (leader.leading()) {
      h.append("<div class=\"value ok\">Leading</div><div class=\"muted\">holds the Lease ")
          .append(escape(leader.lease().get())).append(" as ").append(escape(leader.identity())).append("</div>");
    } else {
      h.append("<div class=\"value warn\">Standby</div><div class=\"muted\">Lease ").append(escape(leader.lease().get()))
          .append(" held by ").append(escape(leader.holder().orElse("nobody yet"))).append("; this is ")
          .append(escape(leader.identity())).append(". Sync and certificates run on the leader.</div>");
    }
    h.append("</div><div class=\"card\" id=\"dns\"><div class=\"label\">DNS</div>");
    if (s.dnsListening()) {
      h.append("<div class=\"value ok\">Listening</div><div class=\"muted\">")
          .append(escape(String.join(", ", s.dnsListeners()))).append("</div>");
    } else {
      h.append("<div class=\"value bad\">Not listening</div>");
    }
    int total = s.state().map(st -> st.views().stream().mapToInt(v -> v.records().size()).sum()).orElse(0);
    h.append("</div><div class=\"card\"><div class=\"label\">Record sets</div><div class=\"value\">").append(total)
        .append("</div><div class=\"muted\">in ").append(s.views().size()).append(" view")
        .append(s.views().size() == 1 ? "" : "s").append("</div></div></div></header>\n");
  }

  private static void records(StringBuilder h, StatusSnapshot s, Filter filter) {
    h.append("<section id=\"records\"><h2>Records</h2>\n<form method=\"get\" action=\"/\" role=\"search\">")
        .append("<input type=\"search\" name=\"q\" value=\"").append(escape(filter.text()))
        .append("\" placeholder=\"name, value or object\" aria-label=\"Filter records\">")
        .append("<select name=\"view\" aria-label=\"View\"><option value=\"\">all views</option>");
    for (String v : s.views()) {
      h.append("<option value=\"").append(escape(v)).append('"').append(v.equals(filter.view()) ? " selected" : "")
          .append('>').append(escape(v)).append("</option>");
    }
    h.append("</select><button type=\"submit\">Filter</button>");
    if (filter.active()) {
      h.append(" <a href=\"/\">clear</a>");
    }
    h.append("</form>\n");
    if (s.state().isEmpty()) {
      h.append("<p class=\"muted\">No records yet: the sources have not been read.</p></section>\n");
      return;
    }
    DesiredState state = s.state().get();
    int shown = 0;
    int total = 0;
    StringBuilder body = new StringBuilder();
    for (ViewRecords v : state.views()) {
      total += v.records().size();
      if (!filter.view().isEmpty() && !filter.view().equals(v.view())) {
        continue;
      }
      List<RecordSet> matching = v.records().stream().filter(filter::matches).toList();
      shown += matching.size();
      body.append("<h3 id=\"view-").append(escape(v.view())).append("\">").append(escape(v.view()))
          .append(v.isPublic() ? " <span class=\"badge\">public</span>" : "")
          .append(" <span class=\"muted count\">").append(matching.size())
          .append(matching.size() == v.records().size() ? "" : " of " + v.records().size())
          .append(v.records().size() == 1 ? " record set" : " record sets").append("</span></h3>\n");
      if (matching.isEmpty()) {
        body.append("<p class=\"muted\">").append(v.records().isEmpty() ? "This view serves no records." : "Nothing matches.")
            .append("</p>\n");
        continue;
      }
      body.append("<div class=\"scroll\"><table class=\"records\" data-view=\"").append(escape(v.view()))
          .append("\"><thead><tr><th>Name</th><th>Type</th><th>TTL</th><th>Value</th><th>From</th></tr></thead><tbody>");
      for (RecordSet r : matching) {
        body.append("<tr><td class=\"name\">").append(escape(r.name())).append("</td><td class=\"type\">")
            .append(r.type().name()).append("</td><td class=\"ttl\">").append(r.ttl()).append("</td><td class=\"values\">");
        for (String value : r.values()) {
          body.append("<div>").append(escape(value)).append("</div>");
        }
        if (v.isPublic() && r.proxied().orElse(false)) {
          body.append("<div class=\"muted\">proxied by Cloudflare</div>");
        }
        body.append("</td><td class=\"from\">");
        for (String res : r.resources()) {
          body.append("<div>").append(escape(res)).append("</div>");
        }
        body.append("</td></tr>");
      }
      body.append("</tbody></table></div>\n");
    }
    if (filter.active()) {
      h.append("<p class=\"muted\" id=\"match-count\">").append(shown).append(" of ").append(total)
          .append(" record sets match").append(filter.text().isEmpty() ? "" : " \u201c" + escape(filter.text()) + "\u201d")
          .append(filter.view().isEmpty() ? "" : " in view " + escape(filter.view())).append(".</p>\n");
    }
    if (!filter.view().isEmpty() && !s.views().contains(filter.view())) {
      h.append("<p class=\"bad\">No view is named \u201c").append(escape(filter.view())).append("\u201d.</p>\n");
    }
    h.append(body).append("</section>\n");
  }

  private static void sources(StringBuilder h, StatusSnapshot s) {
    h.append("<section id=\"sources\"><h2>Sources</h2>\n<div class=\"scroll\"><table><thead><tr><th>Source</th>")
        .append("<th>State</th><th>Last change</th><th>Problems</th></tr></thead><tbody>");
    List<SourceStatus> statuses = s.state().map(DesiredState::sources).orElse(List.of());
    for (String name : s.sources()) {
      Optional<SourceStatus> st = statuses.stream().filter(x -> x.name().equals(name)).findFirst();
      h.append("<tr><td>").append(escape(name)).append("</td><td>");
      if (st.isEmpty() || !st.get().synced()) {
        h.append("<span class=\"badge warn\">syncing</span>");
      } else if (!st.get().complete()) {
        h.append("<span class=\"badge bad\">synced with errors</span>");
      } else {
        h.append("<span class=\"badge ok\">synced</span>");
      }
      h.append("</td><td>").append(escape(st.flatMap(SourceStatus::lastChange).map(t -> relative(s.now(), t)).orElse("\u2013")))
          .append("</td><td>").append(st.map(x -> x.problems().size()).orElse(0)).append("</td></tr>");
    }
    h.append("</tbody></table></div></section>\n");
  }

  private static void sync(StringBuilder h, StatusSnapshot s) {
    h.append("<section id=\"sync\"><h2>Provider sync</h2>\n");
    if (s.providers().isEmpty()) {
      h.append("<p class=\"muted\">No sync providers configured.</p></section>\n");
      return;
    }
    for (ProviderStatus p : s.providers()) {
      h.append("<article class=\"provider\" data-provider=\"").append(escape(p.name())).append("\"><h3>")
          .append(escape(p.name())).append(" <span class=\"muted\">").append(escape(p.type())).append("</span> ");
      if (p.lastError().isPresent()) {
        h.append("<span class=\"badge bad\">error</span>");
      } else if (p.lastSync().isPresent()) {
        h.append("<span class=\"badge ok\">in sync</span>");
      } else {
        h.append("<span class=\"badge warn\">not synced yet</span>");
      }
      h.append(p.leading() ? "" : " <span class=\"badge\">standby</span>").append("</h3>\n<dl>");
      h.append("<dt>Last sync</dt><dd>").append(escape(p.lastSync().map(t -> time(t) + " (" + relative(s.now(), t) + ")")
          .orElse(p.leading() ? "none yet" : "runs on the leader only"))).append("</dd>");
      p.lastError().ifPresent(e -> h.append("<dt>Last error</dt><dd class=\"bad\">").append(escape(e)).append("</dd>"));
      h.append("<dt>Requests</dt><dd>");
      if (p.requests().isEmpty()) {
        h.append("none");
      } else {
        List<String> parts = new ArrayList<>();
        new java.util.TreeMap<>(p.requests()).forEach((method, n) -> parts.add(method + " " + n));
        h.append(escape(String.join(", ", parts)));
      }
      h.append(p.rateLimitWaits() > 0 ? "; " + p.rateLimitWaits() + " rate-limit waits" : "").append("</dd></dl>\n");
      h.append("<div class=\"label\">Last plan</div>");
      if (p.lastPlan().isEmpty()) {
        h.append("<p class=\"muted\">").append(p.lastSync().isPresent() ? "No changes: the provider matches." : "No plan yet.")
            .append("</p>");
      } else {
        h.append("<pre class=\"plan\">");
        for (String line : p.lastPlan()) {
          h.append("<span class=\"").append(planClass(line)).append("\">").append(escape(line)).append("</span>\n");
        }
        h.append("</pre>");
      }
      if (!p.lastApplied().isEmpty() && !p.lastApplied().equals(p.lastPlan())) {
        h.append("<div class=\"label\">Last applied").append(p.lastAppliedAt().map(t -> " (" + escape(relative(s.now(), t)) + ")").orElse(""))
            .append("</div><pre class=\"plan\">");
        for (String line : p.lastApplied()) {
          h.append("<span class=\"").append(planClass(line)).append("\">").append(escape(line)).append("</span>\n");
        }
        h.append("</pre>");
      }
      h.append("</article>\n");
    }
    h.append("</section>\n");
  }

  private static String planClass(String line) {
    return line.startsWith("+") ? "add" : line.startsWith("-") ? "del" : line.startsWith("~") ? "upd"
        : line.startsWith("!") ? "bad" : "muted";
  }

  private static void certificates(StringBuilder h, StatusSnapshot s) {
    h.append("<section id=\"certificates\"><h2>Certificates</h2>\n");
    if (s.certificates().isEmpty()) {
      h.append("<p class=\"muted\">No certificates requested.</p></section>\n");
      return;
    }
    Instant now = s.now();
    Instant end = now.plus(MIN_TIMELINE);
    for (CertificateStatus c : s.certificates()) {
      if (c.notAfter().isPresent() && c.notAfter().get().isAfter(end)) {
        end = c.notAfter().get();
      }
    }
    double span = Duration.between(now, end).toSeconds();
    h.append("<div class=\"legend muted\"><span><i></i>valid until expiry</span><span><i class=\"r\"></i>next renewal</span>")
        .append("</div><div class=\"timeline-scale muted\"><span>now</span><span>")
        .append(escape(time(end).substring(0, 10))).append("</span></div>\n<ul class=\"certs\">");
    for (CertificateStatus c : s.certificates()) {
      h.append("<li class=\"cert\" data-certificate=\"").append(escape(c.name())).append("\"><div class=\"cert-head\"><strong>")
          .append(escape(c.name())).append("</strong> ");
      if (c.lastError().isPresent()) {
        h.append("<span class=\"badge bad\">error</span>");
      } else if (c.notAfter().isEmpty()) {
        h.append("<span class=\"badge warn\">not issued yet</span>");
      } else if (!c.notAfter().get().isAfter(now)) {
        h.append("<span class=\"badge bad\">expired</span>");
      } else {
        h.append("<span class=\"badge ok\">valid</span>");
      }
      h.append(" <span class=\"muted\">issuer ").append(escape(c.issuer())).append(" · ").append(escape(c.origin()))
          .append("</span></div><div class=\"names\">");
      List<String> names = new ArrayList<>(c.dnsNames());
      names.addAll(c.ipAddresses());
      h.append(escape(String.join(", ", names))).append("</div>");
      h.append("<div class=\"track\" aria-hidden=\"true\">");
      if (c.notAfter().isPresent() && c.notAfter().get().isAfter(now)) {
        h.append("<div class=\"life\" style=\"width:").append(percent(now, c.notAfter().get(), span)).append("%\"></div>");
        c.nextRenewal().filter(r -> r.isAfter(now)).ifPresent(r -> h.append("<div class=\"renew\" style=\"left:")
            .append(percent(now, r, span)).append("%\" title=\"next renewal\"></div>"));
      }
      h.append("</div><dl class=\"dates\">");
      h.append("<dt>Expires</dt><dd>").append(escape(c.notAfter().map(t -> time(t) + " (" + relative(now, t) + ")")
          .orElse("\u2013"))).append("</dd>");
      h.append("<dt>Next renewal</dt><dd>").append(escape(c.retryAt().map(t -> "retry " + relative(now, t) + " after "
          + c.failures() + (c.failures() == 1 ? " failure" : " failures"))
          .or(() -> c.nextRenewal().map(t -> time(t) + " (" + relative(now, t) + ")"))
          .orElse("\u2013"))).append("</dd>");
      c.serial().ifPresent(sn -> h.append("<dt>Serial</dt><dd class=\"mono\">").append(escape(sn)).append("</dd>"));
      h.append("<dt>Stores</dt><dd>");
      if (c.stores().isEmpty()) {
        h.append("\u2013");
      }
      for (StoreStatus st : c.stores()) {
        h.append("<div>").append(escape(st.store()))
            .append(st.problem().map(p -> " <span class=\"bad\">" + escape(p) + "</span>").orElse("")).append("</div>");
      }
      h.append("</dd>");
      c.lastError().ifPresent(e -> h.append("<dt>Last error</dt><dd class=\"bad\">").append(escape(e)).append("</dd>"));
      h.append("</dl></li>\n");
    }
    h.append("</ul></section>\n");
  }

  private static void problems(StringBuilder h, List<Issue> issues) {
    h.append("<section id=\"problems\"><h2>Problems</h2>\n");
    if (issues.isEmpty()) {
      h.append("<p class=\"ok\">None.</p></section>\n");
      return;
    }
    h.append("<div class=\"scroll\"><table class=\"problems\"><thead><tr><th>Where</th><th>Severity</th><th>About</th>")
        .append("<th>Problem</th></tr></thead><tbody>");
    for (Issue i : issues) {
      h.append("<tr><td>").append(escape(i.where())).append("</td><td><span class=\"badge ")
          .append(i.severity().equals("error") ? "bad" : "warn").append("\">").append(escape(i.severity()))
          .append("</span></td><td class=\"name\">").append(escape(i.subject())).append("</td><td>")
          .append(escape(i.message())).append("</td></tr>");
    }
    h.append("</tbody></table></div></section>\n");
  }

  /** Every current problem: sources, translation, providers, certificates and their stores. */
  static List<Issue> issues(StatusSnapshot s) {
    List<Issue> out = new ArrayList<>();
    s.state().ifPresent(state -> {
      for (SourceStatus src : state.sources()) {
        src.problems().forEach(p -> out.add(issue("source " + src.name(), p)));
      }
      state.problems().forEach(p -> out.add(issue("translation", p)));
    });
    for (ProviderStatus p : s.providers()) {
      p.lastError().ifPresent(e -> out.add(new Issue("sync", "error", "provider " + p.name(), e)));
      p.conflicts().forEach(c -> out.add(new Issue("sync", "warning", "provider " + p.name(), "conflict: " + c)));
    }
    for (CertificateStatus c : s.certificates()) {
      c.lastError().ifPresent(e -> out.add(new Issue("certificates", "error", "certificate " + c.name(), e)));
      for (StoreStatus st : c.stores()) {
        st.problem().filter(p -> c.lastError().map(e -> !e.contains(p)).orElse(true))
            .ifPresent(p -> out.add(new Issue("certificates", "error", st.store(), p)));
      }
    }
    return out;
  }

  private static Issue issue(String where, Problem p) {
    return new Issue(where, p.severity().name().toLowerCase(Locale.ROOT), p.subject(), p.message());
  }

  private static String percent(Instant now, Instant at, double span) {
    double p = span <= 0 ? 100 : Math.max(0, Math.min(100, Duration.between(now, at).toSeconds() * 100.0 / span));
    return String.format(Locale.ROOT, "%.1f", p);
  }

  static String time(Instant t) {
    return t.truncatedTo(ChronoUnit.SECONDS).toString().replace('T', ' ').replace("Z", " UTC");
  }

  /** "in 59 d 4 h", "3 min ago", "just now". */
  static String relative(Instant now, Instant t) {
    Duration d = Duration.between(now, t);
    boolean future = !d.isNegative();
    d = d.abs();
    String amount;
    if (d.toSeconds() < 5) {
      return "just now";
    } else if (d.toMinutes() < 1) {
      amount = d.toSeconds() + " s";
    } else if (d.toHours() < 1) {
      amount = d.toMinutes() + " min";
    } else if (d.toDays() < 2) {
      amount = d.toHours() + " h" + (d.toMinutesPart() == 0 ? "" : " " + d.toMinutesPart() + " min");
    } else {
      amount = d.toDays() + " d" + (d.toHoursPart() == 0 ? "" : " " + d.toHoursPart() + " h");
    }
    return future ? "in " + amount : amount + " ago";
  }

  private static final String CSS = """
      :root{color-scheme:light dark;--bg:#fff;--fg:#1f2328;--muted:#59636e;--line:#d1d9e0;--card:#f6f8fa;\
      --ok:#1a7f37;--warn:#9a6700;--bad:#cf222e;--accent:#0969da;--life:#8cc8ff;--renew:#bf3989}
      @media (prefers-color-scheme:dark){:root{--bg:#0d1117;--fg:#e6edf3;--muted:#9198a1;--line:#3d444d;\
      --card:#151b23;--ok:#3fb950;--warn:#d29922;--bad:#f85149;--accent:#4493f8;--life:#1f6feb;--renew:#db61a2}}
      *{box-sizing:border-box}
      body{margin:0 auto;max-width:76rem;padding:1rem;background:var(--bg);color:var(--fg);\
      font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
      h1{margin:.2rem 0;font-size:1.6rem}h2{margin:2rem 0 .6rem;font-size:1.25rem;border-bottom:1px solid var(--line);\
      padding-bottom:.3rem}h3{margin:1.2rem 0 .4rem;font-size:1.05rem}
      a{color:var(--accent)}nav{display:flex;flex-wrap:wrap;gap:.4rem 1rem;margin:.6rem 0}
      .muted{color:var(--muted)}.ok{color:var(--ok)}.warn{color:var(--warn)}.bad{color:var(--bad)}
      .cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(14rem,1fr));gap:.6rem;margin-top:.6rem}
      .card{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:.6rem .8rem}
      .card .value{font-size:1.3rem;font-weight:600}.label{font-size:.8rem;text-transform:uppercase;\
      letter-spacing:.04em;color:var(--muted)}
      .reasons{margin:.2rem 0 0;padding-left:1.1rem}
      .scroll{overflow-x:auto;-webkit-overflow-scrolling:touch}
      table{border-collapse:collapse;width:100%;font-size:.92rem}th,td{text-align:left;vertical-align:top;\
      padding:.3rem .5rem;border-bottom:1px solid var(--line)}th{font-weight:600;white-space:nowrap}
      td.name,td.values,.mono{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.88rem}
      td.name,td.values,td.from{overflow-wrap:anywhere}td.from{color:var(--muted);font-size:.85rem}
      form{display:flex;flex-wrap:wrap;gap:.4rem;align-items:center;margin:.4rem 0}
      input,select,button{font:inherit;padding:.35rem .5rem;border:1px solid var(--line);border-radius:6px;\
      background:var(--bg);color:var(--fg)}input[type=search]{flex:1 1 14rem;min-width:0}
      button{background:var(--accent);color:#fff;border-color:var(--accent);cursor:pointer}
      .badge{display:inline-block;font-size:.75rem;font-weight:600;padding:.05rem .45rem;border-radius:1rem;\
      border:1px solid currentColor;vertical-align:middle}.badge.ok{color:var(--ok)}.badge.warn{color:var(--warn)}\
      .badge.bad{color:var(--bad)}
      .count{font-size:.85rem;font-weight:normal}
      .provider{border:1px solid var(--line);border-radius:8px;padding:.2rem .8rem .6rem;margin:.6rem 0}
      dl{display:grid;grid-template-columns:max-content 1fr;gap:.15rem .8rem;margin:.4rem 0}dt{color:var(--muted)}\
      dd{margin:0;overflow-wrap:anywhere}
      pre.plan{background:var(--card);border:1px solid var(--line);border-radius:6px;padding:.5rem;overflow-x:auto;\
      font-size:.82rem;margin:.3rem 0}.add{color:var(--ok)}.del{color:var(--bad)}.upd{color:var(--warn)}
      ul.certs{list-style:none;padding:0;margin:0}li.cert{border:1px solid var(--line);border-radius:8px;\
      padding:.5rem .8rem;margin:.6rem 0}.names{font-family:ui-monospace,monospace;font-size:.88rem;\
      overflow-wrap:anywhere;margin:.2rem 0}
      .track{position:relative;height:.7rem;background:var(--card);border:1px solid var(--line);border-radius:4px;\
      margin:.4rem 0}.life{position:absolute;left:0;top:0;bottom:0;background:var(--life);border-radius:3px}\
      .renew{position:absolute;top:-.25rem;bottom:-.25rem;width:3px;margin-left:-1px;background:var(--renew)}
      .timeline-scale{display:flex;justify-content:space-between;font-size:.8rem}
      footer{margin:2rem 0 1rem;font-size:.85rem}
      .legend{display:flex;gap:1rem;flex-wrap:wrap;font-size:.8rem}.legend i{display:inline-block;width:1.2rem;height:.6rem;\
      margin-right:.3rem;vertical-align:middle;background:var(--life);border-radius:2px}.legend i.r{width:3px;background:var(--renew)}
      @media (max-width:40rem){body{padding:.6rem;font-size:14px}th,td{padding:.25rem .35rem}
      table.records thead,table.problems thead{display:none}table.records tr,table.problems tr{display:block;\
      padding:.35rem 0;border-bottom:1px solid var(--line)}table.records td,table.problems td{display:block;border:0;\
      padding:.05rem .2rem}table.records td.name{font-weight:600}table.records td.type,table.records td.ttl{\
      display:inline-block;color:var(--muted)}table.records td.ttl::before{content:"TTL "}}
      """;
}
