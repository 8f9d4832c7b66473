package dev.lanyard.acme.account;

import dev.lanyard.core.config.SecretRef;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The account key in a Secret under {@code tls.key} (where cert-manager keeps ACME account keys,
 * so its Secrets can be reused), the account URLs under {@code acme-accounts.json}.
 */
public final class SecretAccountStore implements AccountStore {
  public static final String KEY = "tls.key";
  public static final String ACCOUNTS = "acme-accounts.json";

  private final KubernetesClient client;
  private final SecretRef ref;

  public SecretAccountStore(KubernetesClient client, SecretRef ref) {
    this.client = client;
    this.ref = ref;
  }

  @Override
  public synchronized Optional<StoredAccount> load() throws IOException {
    Secret s = call(() -> secret().get());
    if (s == null || s.getData() == null || !s.getData().containsKey(KEY)) {
      return Optional.empty();
    }
    return Optional.of(parse(s));
  }

  @Override
  public synchronized StoredAccount create(KeyPair key) throws IOException {
    String pem = encode(AccountKeys.toPem(key));
    Secret existing = call(() -> secret().get());
    if (existing == null) {
      Secret fresh = new SecretBuilder()
          .withNewMetadata().withNamespace(ref.namespace()).withName(ref.name())
          .addToLabels("app.kubernetes.io/managed-by", "lanyard").endMetadata()
          .withType("Opaque")
          .addToData(KEY, pem)
          .build();
      try {
        client.secrets().inNamespace(ref.namespace()).resource(fresh).create();
        return new StoredAccount(key, Map.of());
      } catch (KubernetesClientException e) {
        if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
          throw failure("create", e);
        }
        return load().orElseThrow(() -> new IOException(describe() + " appeared without " + KEY));
      }
    }
    if (existing.getData() != null && existing.getData().containsKey(KEY)) {
      return parse(existing);
    }
    call(() -> secret().edit(s -> {
      Map<String, String> data = new LinkedHashMap<>(s.getData() == null ? Map.of() : s.getData());
      data.putIfAbsent(KEY, pem);
      s.setData(data);
      return s;
    }));
    return load().orElseThrow(() -> new IOException(describe() + " lost " + KEY + " while it was written"));
  }

  @Override
  public synchronized void saveAccount(String directory, URL account) throws IOException {
    Secret current = call(() -> secret().get());
    if (current == null) {
      throw new IOException(describe() + " disappeared before the account URL could be saved");
    }
    Map<String, URL> all = new LinkedHashMap<>(accounts(current));
    all.put(directory, account);
    String json = encode(AccountUrls.write(all));
    call(() -> secret().edit(s -> {
      Map<String, String> data = new LinkedHashMap<>(s.getData() == null ? Map.of() : s.getData());
      data.put(ACCOUNTS, json);
      s.setData(data);
      return s;
    }));
  }

  @Override
  public String describe() {
    return "secret " + ref;
  }

  private Resource<Secret> secret() {
    return client.secrets().inNamespace(ref.namespace()).withName(ref.name());
  }

  private StoredAccount parse(Secret s) throws IOException {
    String pem = decode(s.getData().get(KEY), KEY);
    return new StoredAccount(AccountKeys.fromPem(pem, describe() + " " + KEY), accounts(s));
  }

  private Map<String, URL> accounts(Secret s) throws IOException {
    if (s.getData() == null || !s.getData().containsKey(ACCOUNTS)) {
      return Map.of();
    }
    return AccountUrls.parse(decode(s.getData().get(ACCOUNTS), ACCOUNTS), describe() + " " + ACCOUNTS);
  }

  private String decode(String base64, String key) throws IOException {
    try {
      return new String(Base64.getMimeDecoder().decode(base64), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new IOException(describe() + " " + key + " is not base64", e);
    }
  }

  private static String encode(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  private interface Call<T> {
    T run();
  }

  private <T> T call(Call<T> call) throws IOException {
    try {
      return call.run();
    } catch (KubernetesClientException e) {
      throw failure("read/update", e);
    }
  }

  private IOException failure(String what, KubernetesClientException e) {
    String status = e.getCode() > 0 ? "HTTP " + e.getCode() : "no answer";
    String detail = e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage()
        : e.getClass().getSimpleName();
    return new IOException("cannot " + what + " " + describe() + " (" + status + "): " + detail, e);
  }
}
