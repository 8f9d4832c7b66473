package dev.lanyard.sync.provider.cloudflare;

/** A zone the API token can see. */
public record CloudflareZone(String id, String name) {}
