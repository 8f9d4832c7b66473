package dev.lanyard.core.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The variables for substitution: a {@code KEY=value} file (dotenv style: comments, optional
 * {@code export}, quotes), or YAML holding ConfigMaps ({@code data}) and Secrets ({@code data} in
 * base64, {@code stringData}), as Flux {@code substituteFrom} reads them.
 */
public final class VarsFile {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private VarsFile() {}

  public static Map<String, String> read(Path file) throws IOException {
    String text = Files.readString(file);
    Map<String, String> fromYaml = fromYaml(text);
    return fromYaml != null ? fromYaml : fromDotenv(text, file);
  }

  private static Map<String, String> fromYaml(String text) {
    Map<String, String> out = new LinkedHashMap<>();
    boolean any = false;
    try {
      List<JsonNode> docs = YAML.readerFor(JsonNode.class).<JsonNode>readValues(text).readAll();
      for (JsonNode doc : docs) {
        if (doc == null || !doc.isObject() || !doc.has("kind")) {
          continue;
        }
        String kind = doc.get("kind").asText();
        if (kind.equals("ConfigMap")) {
          any = true;
          fields(doc.get("data"), false, out);
        } else if (kind.equals("Secret")) {
          any = true;
          fields(doc.get("data"), true, out);
          fields(doc.get("stringData"), false, out);
        }
      }
    } catch (IOException | RuntimeException e) {
      return null;
    }
    return any ? out : null;
  }

  private static void fields(JsonNode data, boolean base64, Map<String, String> out) {
    if (data == null || !data.isObject()) {
      return;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = data.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String v = e.getValue().asText();
      out.put(e.getKey(), base64 ? new String(Base64.getMimeDecoder().decode(v), StandardCharsets.UTF_8) : v);
    }
  }

  private static Map<String, String> fromDotenv(String text, Path file) throws IOException {
    Map<String, String> out = new LinkedHashMap<>();
    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      if (line.startsWith("export ")) {
        line = line.substring(7).strip();
      }
      int eq = line.indexOf('=');
      if (eq <= 0 || !line.substring(0, eq).strip().matches("[_a-zA-Z][_a-zA-Z0-9]*")) {
        throw new IOException(file + ":" + (i + 1) + ": expected KEY=value, got \"" + lines[i] + "\"");
      }
      String key = line.substring(0, eq).strip();
      String value = line.substring(eq + 1).strip();
      if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"") || value.startsWith("'") && value.endsWith("'"))) {
        value = value.substring(1, value.length() - 1);
      } else {
        int hash = value.indexOf(" #");
        if (hash >= 0) {
          value = value.substring(0, hash).strip();
        }
      }
      out.put(key, value);
    }
    return out;
  }
}
