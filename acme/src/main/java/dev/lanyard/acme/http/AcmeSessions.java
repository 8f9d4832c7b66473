package dev.lanyard.acme.http;

import dev.lanyard.core.cert.Pem;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.shredzone.acme4j.Login;
import org.shredzone.acme4j.Session;
import org.shredzone.acme4j.challenge.Challenge;
import org.shredzone.acme4j.connector.Connection;
import org.shredzone.acme4j.connector.NetworkSettings;
import org.shredzone.acme4j.exception.AcmeException;
import org.shredzone.acme4j.provider.AcmeProvider;
import org.shredzone.acme4j.toolbox.JSON;

/**
 * acme4j sessions whose HTTPS trusts the JDK's CAs plus an optional extra CA file (a private ACME
 * server such as Pebble or step-ca), and whose responses feed {@link LastResponse}.
 */
public final class AcmeSessions {

  private AcmeSessions() {}

  /**
   * @param directory an {@code https://} directory URL or an acme4j {@code acme://} URI
   * @throws IllegalArgumentException when the URI names no known provider or the trust file is unusable
   */
  public static Session open(String directory, Optional<Path> trust) {
    URI uri;
    try {
      uri = URI.create(directory.trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("ACME directory \"" + directory + "\" is not a URI", e);
    }
    AcmeProvider base = new Session(uri).provider();
    Optional<SSLContext> ssl = trust.map(AcmeSessions::sslContext);
    return new Session(uri, new Provider(base, ssl));
  }

  static SSLContext sslContext(Path trustFile) {
    try {
      List<X509Certificate> extra = Pem.decodeCertificates(Files.readString(trustFile, StandardCharsets.US_ASCII));
      if (extra.isEmpty()) {
        throw new IllegalArgumentException("trust file " + trustFile + " holds no PEM certificate");
      }
      TrustManagerFactory jdk = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      jdk.init((KeyStore) null);
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      int i = 0;
      for (TrustManager tm : jdk.getTrustManagers()) {
        if (tm instanceof X509TrustManager x) {
          for (X509Certificate c : x.getAcceptedIssuers()) {
            store.setCertificateEntry("jdk-" + i++, c);
          }
        }
      }
      for (X509Certificate c : extra) {
        store.setCertificateEntry("extra-" + i++, c);
      }
      TrustManagerFactory combined = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      combined.init(store);
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, combined.getTrustManagers(), null);
      return ctx;
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read trust file " + trustFile + ": " + e.getMessage(), e);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("trust file " + trustFile + " is not usable: " + e.getMessage(), e);
    }
  }

  /** The provider acme4j would pick for the URI, with our HTTP client. */
  private record Provider(AcmeProvider base, Optional<SSLContext> ssl) implements AcmeProvider {

    @Override
    public boolean accepts(URI serverUri) {
      return base.accepts(serverUri);
    }

    @Override
    public URL resolve(URI serverUri) {
      return base.resolve(serverUri);
    }

    @Override
    public HttpClient createHttpClient(NetworkSettings settings) {
      HttpClient client;
      if (ssl.isPresent()) {
        HttpClient.Builder b = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NORMAL)
            .connectTimeout(settings.getTimeout())
            .proxy(settings.getProxySelector())
            .sslContext(ssl.get());
        if (settings.getAuthenticator() != null) {
          b.authenticator(settings.getAuthenticator());
        }
        client = b.build();
      } else {
        client = base.createHttpClient(settings);
      }
      return new ObservingHttpClient(client);
    }

    @Override
    public Connection connect(URI serverUri, NetworkSettings settings, HttpClient httpClient) {
      return base.connect(serverUri, settings, httpClient);
    }

    @Override
    public JSON directory(Session session, URI serverUri) throws AcmeException {
      return base.directory(session, serverUri);
    }

    @Override
    public Challenge createChallenge(Login login, JSON data) {
      return base.createChallenge(login, data);
    }

    @Override
    public Optional<String> getProposedEabMacAlgorithm() {
      return base.getProposedEabMacAlgorithm();
    }
  }
}
