package dev.lanyard.acme.account;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** The JSON kept beside an account key: {@code {"accounts": {"<directory>": "<account URL>"}}}. */
final class AccountUrls {
  private static final ObjectMapper JSON = new ObjectMapper();

  private AccountUrls() {}

  static Map<String, URL> parse(String text, String source) throws IOException {
    JsonNode root;
    try {
      root = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IOException(source + ": not JSON: " + e.getOriginalMessage(), e);
    }
    Map<String, URL> out = new LinkedHashMap<>();
    if (root == null || root.isMissingNode() || root.isNull()) {
      return out;
    }
    JsonNode accounts = root.path("accounts");
    if (!root.isObject() || !(accounts.isObject() || accounts.isMissingNode())) {
      throw new IOException(source + ": expected {\"accounts\": {\"<directory>\": \"<account URL>\"}}");
    }
    for (Map.Entry<String, JsonNode> e : accounts.properties()) {
      if (!e.getValue().isTextual()) {
        throw new IOException(source + ": account URL for " + e.getKey() + " is not a string");
      }
      try {
        out.put(e.getKey(), URI.create(e.getValue().asText()).toURL());
      } catch (IllegalArgumentException | MalformedURLException ex) {
        throw new IOException(source + ": \"" + e.getValue().asText() + "\" is not a URL", ex);
      }
    }
    return out;
  }

  static String write(Map<String, URL> accounts) {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode a = root.putObject("accounts");
    new TreeMap<>(accounts).forEach((dir, url) -> a.put(dir, url.toExternalForm()));
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
