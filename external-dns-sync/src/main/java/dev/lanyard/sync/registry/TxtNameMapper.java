package dev.lanyard.sync.registry;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * external-dns's {@code AffixNameMapper}: where the ownership TXT of a record lives. The first label
 * gets a {@code <type>-} prefix unless the prefix or suffix holds {@code %{record_type}}; then the
 * configured prefix or suffix is added to that label.
 *
 * <pre>
 *   app.example.com A                      -> a-app.example.com
 *   app.example.com CNAME, prefix "txt."   -> txt.cname-app.example.com
 *   *.example.com A, wildcard "any"        -> a-any.example.com
 * </pre>
 */
public record TxtNameMapper(String prefix, String suffix, String wildcardReplacement) {

  public static final String RECORD_TYPE = "%{record_type}";

  /** The types external-dns recognizes in a TXT name, in its own lookup order. */
  static final List<String> KNOWN_TYPES =
      List.of("A", "AAAA", "CNAME", "NS", "MX", "SRV", "NAPTR", "PTR", "TXT", "DNAME");

  private static final int MAX_LABEL = 63;
  private static final int MAX_NAME = 253;

  public TxtNameMapper {
    prefix = prefix.toLowerCase(Locale.ROOT);
    suffix = suffix.toLowerCase(Locale.ROOT);
    if (!prefix.isEmpty() && !suffix.isEmpty()) {
      throw new IllegalArgumentException("txtPrefix and txtSuffix are mutually exclusive");
    }
  }

  public static TxtNameMapper plain() {
    return new TxtNameMapper("", "", "");
  }

  /**
   * The TXT name for a record of {@code type} at {@code name}; empty when the result is not a legal
   * DNS name (a label over 63 characters), in which case external-dns creates no TXT either.
   */
  public Optional<String> toTxtName(String name, String type) {
    String t = type.toLowerCase(Locale.ROOT);
    String[] parts = name.split("\\.", 2);
    String first = parts[0];
    if (!wildcardReplacement.isEmpty() && first.equals("*")) {
      first = wildcardReplacement;
    }
    if (!typeInAffix()) {
      first = t + "-" + first;
    }
    String p = prefix.replace(RECORD_TYPE, t);
    String s = suffix.replace(RECORD_TYPE, t);
    String txt = parts.length < 2 ? p + first + s : p + first + s + "." + parts[1];
    return legal(txt) ? Optional.of(txt) : Optional.empty();
  }

  /**
   * The record a TXT name stands for: its name (with the wildcard replacement left in place) and the
   * upper-case type, or an empty type for the legacy format that carried none. Empty when the name
   * does not carry this mapper's prefix or suffix.
   */
  public Optional<Target> toRecordName(String txtName) {
    String lower = txtName.toLowerCase(Locale.ROOT);
    if (isSuffixMode()) {
      int dots = (int) suffix.chars().filter(c -> c == '.').count();
      String[] parts = lower.split("\\.", 2 + dots);
      if (parts.length < 2 + dots) {
        return Optional.empty();
      }
      String withSuffix = String.join(".", List.of(parts).subList(0, 1 + dots));
      return dropAffix(withSuffix).map(t -> new Target(t.name() + "." + parts[1 + dots], t.type()));
    }
    return dropAffix(lower);
  }

  /** The record name with a leading {@code *} replaced, as it appears inside TXT names. */
  public String lookupName(String name) {
    if (!wildcardReplacement.isEmpty() && (name.equals("*") || name.startsWith("*."))) {
      return wildcardReplacement + name.substring(1);
    }
    return name;
  }

  /** A record name and its type; an empty type marks a legacy (type-less) TXT name. */
  public record Target(String name, Optional<String> type) {}

  private boolean typeInAffix() {
    return prefix.contains(RECORD_TYPE) || suffix.contains(RECORD_TYPE);
  }

  private boolean isSuffixMode() {
    return prefix.isEmpty() && !suffix.isEmpty();
  }

  private Optional<Target> dropAffix(String name) {
    String p = prefix;
    String s = suffix;
    if (typeInAffix()) {
      for (String type : KNOWN_TYPES) {
        String t = type.toLowerCase(Locale.ROOT);
        String ip = p.replace(RECORD_TYPE, t);
        String is = s.replace(RECORD_TYPE, t);
        if (!isSuffixMode() && name.startsWith(ip)) {
          return Optional.of(new Target(name.substring(ip.length()), Optional.of(type)));
        }
        if (isSuffixMode() && name.endsWith(is)) {
          return Optional.of(new Target(name.substring(0, name.length() - is.length()), Optional.of(type)));
        }
      }
      p = p.replace(RECORD_TYPE, "");
      s = s.replace(RECORD_TYPE, "");
    }
    if (!isSuffixMode() && name.startsWith(p)) {
      return Optional.of(typeFromFirstLabel(name.substring(p.length())));
    }
    if (isSuffixMode() && name.endsWith(s)) {
      return Optional.of(typeFromFirstLabel(name.substring(0, name.length() - s.length())));
    }
    return Optional.empty();
  }

  private static Target typeFromFirstLabel(String name) {
    String head = name.split("-", 2)[0];
    for (String type : KNOWN_TYPES) {
      if (head.equals(type.toLowerCase(Locale.ROOT))) {
        return new Target(name.substring(head.length() + 1), Optional.of(type));
      }
    }
    return new Target(name, Optional.empty());
  }

  private static boolean legal(String name) {
    if (name.isEmpty() || name.length() > MAX_NAME) {
      return false;
    }
    for (String label : name.split("\\.", -1)) {
      if (label.isEmpty() || label.length() > MAX_LABEL) {
        return false;
      }
    }
    return true;
  }
}
