package dev.lanyard.certificates.store;

import java.util.Optional;

/**
 * How one store of a certificate fared in the last run.
 *
 * @param store {@code dir ./certs/web} or {@code secret infra/web-tls}
 * @param problem what went wrong there (cannot open, read or write it, a failed reload command)
 */
public record StoreStatus(String store, Optional<String> problem) {}
