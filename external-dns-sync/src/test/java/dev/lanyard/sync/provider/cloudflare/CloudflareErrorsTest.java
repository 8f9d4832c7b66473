package dev.lanyard.sync.provider.cloudflare;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every error code of cloudflare-api.md 6.7 becomes a sentence that says what happened and what to do. */
class CloudflareErrorsTest {

  @ParameterizedTest(name = "{0}/{1}")
  @CsvSource(delimiter = '|', textBlock = """
      81053 | 0    | 400 | already exists at this name (Cloudflare 81053)
      81054 | 0    | 400 | a CNAME record already exists at this name (Cloudflare 81054)
      81057 | 0    | 400 | an identical record already exists (Cloudflare 81057)
      81058 | 0    | 400 | an identical record already exists (Cloudflare 81058)
      81044 | 0    | 404 | the record no longer exists (Cloudflare 81044)
      81045 | 0    | 400 | record quota is exceeded (Cloudflare 81045
      9003  | 0    | 400 | cannot proxy a private address (Cloudflare 9003
      1004  | 9300 | 400 | allows no tags on DNS records (Cloudflare 1004/9300
      1004  | 9021 | 400 | Cloudflare rejected the record (1004 DNS Validation Error: inner message)
      6003  | 6103 | 400 | Cloudflare rejected the request headers (6003: inner message)
      10000 | 0    | 403 | authentication error (Cloudflare 10000)
      10429 | 0    | 429 | Cloudflare's rate limit was hit (10429
      10100 | 0    | 429 | Cloudflare's rate limit was hit (10100
      10300 | 0    | 429 | Cloudflare's rate limit was hit (10300
      7003  | 0    | 404 | Cloudflare error 7003 outer message
      0     | 0    | 400 | Cloudflare reported an error without a code: 0 outer message
      """)
  void explains(int code, int chained, int status, String expected) {
    List<CloudflareError> chain = chained == 0 ? List.of()
        : List.of(new CloudflareError(chained, "inner message", Optional.empty(), List.of()));
    CloudflareApiException e = new CloudflareApiException("POST dns_records", status,
        List.of(new CloudflareError(code, "outer message", Optional.of("/posts/0"), chain)));
    String line = CloudflareErrors.describe("cannot create app.example.com A 203.0.113.7", e);
    assertThat(line).startsWith("cannot create app.example.com A 203.0.113.7: ").contains(expected);
  }

  @ParameterizedTest
  @CsvSource({"500, a server-side failure", "502, a server-side failure"})
  void serverFailuresWithoutCodeAreTransient(int status, String expected) {
    CloudflareApiException e = new CloudflareApiException("GET /zones", status, List.of());
    assertThat(e.transientFailure()).isTrue();
    assertThat(CloudflareErrors.explain(e)).contains(expected);
  }

  @org.junit.jupiter.api.Test
  void anErrorEntryThatIsNotAnObjectIsShownAsItIs() throws Exception {
    CloudflareError e = CloudflareError.fromJson(new com.fasterxml.jackson.databind.ObjectMapper().readTree("\"boom\""));
    assertThat(CloudflareErrors.explain(e)).isEqualTo(
        "Cloudflare reported an error without a code: 0 unreadable error entry \"boom\"");
  }
}
