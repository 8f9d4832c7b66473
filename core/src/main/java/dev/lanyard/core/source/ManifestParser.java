package dev.lanyard.core.source;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.lanyard.core.files.IoReasons;
import dev.lanyard.core.inventory.Certificate;
import dev.lanyard.core.inventory.DNSEndpoint;
import dev.lanyard.core.inventory.Inventory;
import dev.lanyard.core.inventory.Origin;
import dev.lanyard.core.inventory.Route;
import dev.lanyard.core.model.Problem;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.TLSRoute;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the (already substituted) text of one YAML file into inventory objects. Multi-document
 * files and {@code kind: List} are read; kinds Lanyard does not use (Deployments, Kustomizations,
 * HelmReleases...) are skipped; a document that cannot be read is reported with file and line.
 */
public final class ManifestParser {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  /** What a file holds. A file with an ERROR problem is unusable as a whole. */
  public record Parsed(Inventory inventory, List<Problem> problems) {
    public boolean failed() {
      return problems.stream().anyMatch(p -> p.severity() == Problem.Severity.ERROR);
    }
  }

  private ManifestParser() {}

  public static Parsed parse(String file, String text, boolean requireAcceptedRoutes) {
    return parse(file, text, requireAcceptedRoutes, null);
  }

  /**
   * @param defaultNamespace given to namespaced objects that name none, as a kustomization's
   *     {@code namespace:} does; null leaves them in {@code default}
   */
  public static Parsed parse(String file, String text, boolean requireAcceptedRoutes, String defaultNamespace) {
    Builder b = new Builder(requireAcceptedRoutes, defaultNamespace);
    List<Problem> problems = new ArrayList<>();
    try (JsonParser p = YAML.getFactory().createParser(text)) {
      JsonToken t;
      while ((t = p.nextToken()) != null) {
        int line = p.currentTokenLocation().getLineNr();
        if (t != JsonToken.START_OBJECT) {
          if (t == JsonToken.START_ARRAY) {
            p.skipChildren();
          }
          if (t != JsonToken.VALUE_NULL) {
            problems.add(Problem.error(file + ":" + line, "a YAML document must be a mapping (a Kubernetes object)"));
          }
          continue;
        }
        JsonNode doc = YAML.readTree(p);
        document(file, line, doc, b, problems);
      }
    } catch (JsonProcessingException e) {
      int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
      problems.add(Problem.error(file + ":" + line, "not valid YAML: " + e.getOriginalMessage()));
      return new Parsed(Inventory.EMPTY, problems);
    } catch (IOException e) {
      problems.add(Problem.error(file, "cannot read: " + IoReasons.of(e)));
      return new Parsed(Inventory.EMPTY, problems);
    }
    return new Parsed(b.build(), problems);
  }

  private static void document(String file, int line, JsonNode doc, Builder b, List<Problem> problems) {
    String apiVersion = doc.path("apiVersion").asText("");
    String kind = doc.path("kind").asText("");
    String where = file + ":" + line;
    if (kind.equals("List") && doc.path("items").isArray()) {
      for (JsonNode item : doc.get("items")) {
        document(file, line, item, b, problems);
      }
      return;
    }
    Class<? extends HasMetadata> type = typeOf(apiVersion, kind);
    if (type == null) {
      return;
    }
    if (doc.path("metadata").path("name").asText("").isEmpty()) {
      problems.add(Problem.error(where, kind + " has no metadata.name"));
      return;
    }
    String subject = where + " (" + kind + " " + doc.path("metadata").path("name").asText() + ")";
    HasMetadata object;
    try {
      object = Serialization.jsonMapper().treeToValue(doc, type);
    } catch (MismatchedInputException e) {
      problems.add(Problem.error(subject, mismatch(doc, e)));
      return;
    } catch (JsonProcessingException | IllegalArgumentException e) {
      String msg = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
      problems.add(Problem.error(subject, "cannot be read as " + apiVersion + " " + kind + ": " + msg));
      return;
    }
    Origin.stamp(object, where);
    b.add(object);
  }

  /** {@code spec.hostnames: must be a list, not "app.example.com"}: the field's path and what was there. */
  static String mismatch(JsonNode doc, MismatchedInputException e) {
    StringBuilder path = new StringBuilder();
    JsonNode found = doc;
    for (JsonMappingException.Reference r : e.getPath()) {
      if (r.getFieldName() != null) {
        path.append(path.isEmpty() ? "" : ".").append(r.getFieldName());
        found = found.path(r.getFieldName());
      } else {
        path.append('[').append(r.getIndex()).append(']');
        found = found.path(r.getIndex());
      }
    }
    Class<?> target = e.getTargetType();
    String expected = target == null ? null
        : java.util.Collection.class.isAssignableFrom(target) || target.isArray() ? "a list"
        : CharSequence.class.isAssignableFrom(target) ? "a string"
        : Number.class.isAssignableFrom(target) || target == int.class || target == long.class ? "a number"
        : target == Boolean.class || target == boolean.class ? "true or false"
        : java.util.Map.class.isAssignableFrom(target) || !target.getName().startsWith("java.") ? "a mapping"
        : null;
    if (expected == null || found.isMissingNode()) {
      return "cannot be read: " + e.getOriginalMessage();
    }
    String was = found.isTextual() ? "\"" + found.asText() + "\""
        : found.isArray() ? "a list" : found.isObject() ? "a mapping" : found.toString();
    return (path.isEmpty() ? "the object" : path) + ": must be " + expected + ", not " + was;
  }

  private static Class<? extends HasMetadata> typeOf(String apiVersion, String kind) {
    int slash = apiVersion.indexOf('/');
    String group = slash < 0 ? "" : apiVersion.substring(0, slash);
    return switch (group + "|" + kind) {
      case "gateway.networking.k8s.io|Gateway" -> Gateway.class;
      case "gateway.networking.k8s.io|HTTPRoute" -> HTTPRoute.class;
      case "gateway.networking.k8s.io|GRPCRoute" -> GRPCRoute.class;
      case "gateway.networking.k8s.io|TLSRoute" -> TLSRoute.class;
      case "|Service" -> Service.class;
      case "|Namespace" -> Namespace.class;
      case "networking.k8s.io|Ingress" -> Ingress.class;
      case "externaldns.k8s.io|DNSEndpoint" -> DNSEndpoint.class;
      case "cert-manager.io|Certificate" -> Certificate.class;
      default -> null;
    };
  }

  private static final class Builder {
    private final boolean requireAccepted;
    private final List<Gateway> gateways = new ArrayList<>();
    private final List<Route> routes = new ArrayList<>();
    private final List<Service> services = new ArrayList<>();
    private final List<Ingress> ingresses = new ArrayList<>();
    private final List<DNSEndpoint> dnsEndpoints = new ArrayList<>();
    private final List<Certificate> certificates = new ArrayList<>();
    private final List<Namespace> namespaces = new ArrayList<>();

    private final String defaultNamespace;

    Builder(boolean requireAccepted, String defaultNamespace) {
      this.requireAccepted = requireAccepted;
      this.defaultNamespace = defaultNamespace;
    }

    void add(HasMetadata o) {
      if (defaultNamespace != null && !(o instanceof Namespace)
          && (o.getMetadata().getNamespace() == null || o.getMetadata().getNamespace().isEmpty())) {
        o.getMetadata().setNamespace(defaultNamespace);
      }
      switch (o) {
        case Gateway g -> gateways.add(g);
        case HTTPRoute r -> routes.add(Route.of(r, requireAccepted));
        case GRPCRoute r -> routes.add(Route.of(r, requireAccepted));
        case TLSRoute r -> routes.add(Route.of(r, requireAccepted));
        case Service s -> services.add(s);
        case Ingress i -> ingresses.add(i);
        case DNSEndpoint d -> dnsEndpoints.add(d);
        case Certificate c -> certificates.add(c);
        case Namespace n -> namespaces.add(n);
        default -> { }
      }
    }

    Inventory build() {
      return new Inventory(gateways, routes, services, ingresses, dnsEndpoints, certificates, namespaces);
    }
  }
}
