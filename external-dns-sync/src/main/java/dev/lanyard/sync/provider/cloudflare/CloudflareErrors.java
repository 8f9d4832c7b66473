package dev.lanyard.sync.provider.cloudflare;

import java.util.List;
import java.util.stream.Collectors;

/** Turns Cloudflare error codes into sentences a user can act on. */
public final class CloudflareErrors {

  private CloudflareErrors() {}

  /** Codes Cloudflare uses for its rate limit (10429 today; 10100 and 10300 in older answers). */
  public static final List<Integer> RATE_LIMIT_CODES = List.of(10429, 10100, 10300);

  /** {@code "cannot create app.example.com A 192.0.2.1: <what went wrong and what to do>"}. */
  public static String describe(String action, CloudflareApiException e) {
    return action + ": " + explain(e);
  }

  public static String explain(CloudflareApiException e) {
    return explain(e.status(), e.errors());
  }

  static String explain(int status, List<CloudflareError> errors) {
    if (errors.isEmpty()) {
      return "Cloudflare answered HTTP " + status + " without an error code"
          + (status >= 500 ? " (a server-side failure; retried on the next run)" : "");
    }
    return errors.stream().map(CloudflareErrors::explain).distinct().collect(Collectors.joining("; "));
  }

  static String explain(CloudflareError error) {
    List<CloudflareError> all = error.flatten();
    if (all.stream().anyMatch(x -> x.code() == 9300)) {
      return "the zone's plan allows no tags on DNS records (Cloudflare 1004/9300: " + deepest(error)
          + "); remove the cloudflare-tags annotation";
    }
    return switch (error.code()) {
      case 81053 -> "an A, AAAA or CNAME record already exists at this name (Cloudflare 81053); a CNAME cannot share"
          + " its name with other records, so delete the other record or give the route another target";
      case 81054 -> "a CNAME record already exists at this name (Cloudflare 81054); delete it or give the route"
          + " another target";
      case 81057, 81058 -> "an identical record already exists (Cloudflare " + error.code() + "); it was created"
          + " outside Lanyard since the last listing, the next full reconcile lists the zone again";
      case 81044 -> "the record no longer exists (Cloudflare 81044); it was deleted outside Lanyard, the next full"
          + " reconcile lists the zone again";
      case 81045 -> "the zone's record quota is exceeded (Cloudflare 81045: free zones hold 200 records, 1,000 if"
          + " created before September 2024); delete unused records or upgrade the plan";
      case 9003 -> "Cloudflare cannot proxy a private address (Cloudflare 9003: " + error.message() + "); set the"
          + " annotation external-dns.alpha.kubernetes.io/cloudflare-proxied: \"false\" or publish a public address";
      case 9004 -> "this record type cannot be proxied (Cloudflare 9004); only A, AAAA and CNAME records can";
      case 1004 -> "Cloudflare rejected the record (1004 DNS Validation Error: " + deepest(error) + ")";
      case 6003, 6103, 6111 -> "Cloudflare rejected the request headers (" + error.code() + ": " + deepest(error)
          + "); check that the configured secret is an API token, not a global API key";
      case 10000 -> "authentication error (Cloudflare 10000); the API token needs Zone:Read and DNS:Edit"
          + " permissions on this zone";
      case 10429, 10100, 10300 -> "Cloudflare's rate limit was hit (" + error.code() + ": " + error.message()
          + "); the run is postponed until Retry-After has passed";
      case 0 -> "Cloudflare reported an error without a code: " + (error.message().isEmpty() ? "(no message)" : error);
      default -> "Cloudflare error " + error;
    };
  }

  private static String deepest(CloudflareError e) {
    List<CloudflareError> all = e.flatten();
    return all.get(all.size() - 1).message();
  }
}
