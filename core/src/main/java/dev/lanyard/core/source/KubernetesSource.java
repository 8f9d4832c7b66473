package dev.lanyard.core.source;

import dev.lanyard.core.config.SourcesConfig;
import dev.lanyard.core.inventory.Certificate;
import dev.lanyard.core.inventory.DNSEndpoint;
import dev.lanyard.core.inventory.Inventory;
import dev.lanyard.core.inventory.Route;
import dev.lanyard.core.model.Problem;
import dev.lanyard.core.model.SourceStatus;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.TLSRoute;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Informers on the cluster for Gateway, HTTPRoute, GRPCRoute, TLSRoute (v1), Service, Ingress,
 * DNSEndpoint, cert-manager Certificate and Namespace. A kind whose CRD is missing (or that RBAC
 * forbids) is disabled with a log line and never blocks the others. Ready once every running
 * informer has synced.
 */
public final class KubernetesSource implements Source {
  private static final Logger log = LoggerFactory.getLogger(KubernetesSource.class);
  private static final long COALESCE_MILLIS = 5;

  private final KubernetesClient client;
  private final SourcesConfig.Kubernetes config;
  private final Clock clock;
  private final List<Kind<?>> kinds = new ArrayList<>();
  private final Map<String, Problem> disabled = new ConcurrentHashMap<>();
  private final ScheduledExecutorService executor =
      Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("kubernetes-source").factory());
  private final AtomicBoolean scheduled = new AtomicBoolean();
  private volatile Instant lastChange;
  private volatile Consumer<SourceSnapshot> listener;

  /** One watched kind, possibly several informers (one per configured namespace). */
  private record Kind<T extends HasMetadata>(String name, String crd, List<SharedIndexInformer<T>> informers) {
    List<T> items() {
      List<T> out = new ArrayList<>();
      informers.forEach(i -> out.addAll(i.getStore().list()));
      return out;
    }

    boolean synced() {
      return informers.stream().allMatch(SharedIndexInformer::hasSynced);
    }
  }

  public KubernetesSource(KubernetesClient client, SourcesConfig.Kubernetes config, Clock clock) {
    this.client = client;
    this.config = config;
    this.clock = clock;
  }

  @Override
  public String name() {
    return "kubernetes";
  }

  @Override
  public void start(Consumer<SourceSnapshot> listener) {
    this.listener = listener;
    watch("Gateway", "gateways.gateway.networking.k8s.io", Gateway.class, true);
    watch("HTTPRoute", "httproutes.gateway.networking.k8s.io", HTTPRoute.class, true);
    watch("GRPCRoute", "grpcroutes.gateway.networking.k8s.io", GRPCRoute.class, true);
    watch("TLSRoute", "tlsroutes.gateway.networking.k8s.io", TLSRoute.class, true);
    watch("Service", null, Service.class, true);
    watch("Ingress", null, Ingress.class, true);
    watch("DNSEndpoint", "dnsendpoints.externaldns.k8s.io", DNSEndpoint.class, true);
    watch("Certificate", "certificates.cert-manager.io", Certificate.class, true);
    watch("Namespace", null, Namespace.class, false);
    changed();
  }

  private <T extends HasMetadata> void watch(String name, String crd, Class<T> type, boolean namespaced) {
    List<SharedIndexInformer<T>> informers = new ArrayList<>();
    List<Optional<String>> scopes = !namespaced || config.namespaces().isEmpty()
        ? List.of(Optional.empty())
        : config.namespaces().stream().map(Optional::of).toList();
    for (Optional<String> ns : scopes) {
      var ops = client.resources(type);
      SharedIndexInformer<T> informer = ns.isPresent()
          ? ops.inNamespace(ns.get()).runnableInformer(0)
          : namespaced ? ops.inAnyNamespace().runnableInformer(0) : ops.runnableInformer(0);
      informer.exceptionHandler((started, t) -> {
        if (isMissingOrForbidden(t)) {
          disable(name, crd, t);
          return false;
        }
        log.warn("{} informer: {} (retrying)", name, t.getMessage());
        return true;
      });
      informer.addEventHandler(new ResourceEventHandler<T>() {
        @Override
        public void onAdd(T obj) {
          changed();
        }

        @Override
        public void onUpdate(T oldObj, T newObj) {
          changed();
        }

        @Override
        public void onDelete(T obj, boolean deletedFinalStateUnknown) {
          changed();
        }
      });
      informer.start().whenComplete((v, t) -> {
        if (t != null && isMissingOrForbidden(t)) {
          disable(name, crd, t);
        }
        changed();
      });
      informers.add(informer);
    }
    kinds.add(new Kind<>(name, crd, informers));
  }

  private void disable(String name, String crd, Throwable t) {
    String reason = t instanceof KubernetesClientException k && k.getCode() == 403
        ? "forbidden by RBAC (" + k.getMessage() + ")"
        : crd == null ? "not served by the API server" : "CRD " + crd + " is not installed";
    if (disabled.putIfAbsent(name, Problem.warning("kubernetes " + name, "disabled: " + reason)) == null) {
      log.warn("{} disabled: {}; the other kinds carry on", name, reason);
      kinds.stream().filter(k -> k.name().equals(name)).forEach(k -> k.informers().forEach(SharedIndexInformer::stop));
    }
    changed();
  }

  private static boolean isMissingOrForbidden(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof KubernetesClientException k && (k.getCode() == 404 || k.getCode() == 403)) {
        return true;
      }
    }
    return false;
  }

  private void changed() {
    lastChange = clock.instant();
    if (scheduled.compareAndSet(false, true)) {
      executor.schedule(this::publish, COALESCE_MILLIS, TimeUnit.MILLISECONDS);
    }
  }

  private void publish() {
    scheduled.set(false);
    Consumer<SourceSnapshot> l = listener;
    if (l != null) {
      try {
        l.accept(snapshot());
      } catch (RuntimeException e) {
        log.error("delivering the Kubernetes snapshot failed", e);
      }
    }
  }

  /** The current state of every informer. */
  public SourceSnapshot snapshot() {
    boolean synced = true;
    for (Kind<?> k : kinds) {
      if (!disabled.containsKey(k.name()) && !k.synced()) {
        synced = false;
      }
    }
    boolean accepted = config.requireAcceptedRoutes();
    List<Route> routes = new ArrayList<>();
    routes.addAll(map(items("HTTPRoute", HTTPRoute.class), r -> Route.of(r, accepted)));
    routes.addAll(map(items("GRPCRoute", GRPCRoute.class), r -> Route.of(r, accepted)));
    routes.addAll(map(items("TLSRoute", TLSRoute.class), r -> Route.of(r, accepted)));
    Inventory inventory = new Inventory(items("Gateway", Gateway.class), routes, items("Service", Service.class),
        items("Ingress", Ingress.class), items("DNSEndpoint", DNSEndpoint.class),
        items("Certificate", Certificate.class), items("Namespace", Namespace.class));
    return new SourceSnapshot(inventory,
        new SourceStatus(name(), synced, List.copyOf(disabled.values()), Optional.ofNullable(lastChange)));
  }

  @SuppressWarnings("unchecked")
  private <T extends HasMetadata> List<T> items(String name, Class<T> type) {
    for (Kind<?> k : kinds) {
      if (k.name().equals(name) && !disabled.containsKey(name)) {
        return (List<T>) k.items();
      }
    }
    return List.of();
  }

  private static <A, B> List<B> map(List<A> in, Function<A, B> f) {
    return in.stream().map(f).toList();
  }

  @Override
  public void close() {
    kinds.forEach(k -> k.informers().forEach(SharedIndexInformer::stop));
    executor.shutdownNow();
  }
}
