package dev.lanyard.acme.dns;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/** One DNS question with dnsjava; errors become {@link IOException}s that say what was asked where. */
final class DnsQuery {

  private DnsQuery() {}

  /** A direct, non-recursive question to one server (TCP fallback on truncation is dnsjava's). */
  static Message askDirect(InetSocketAddress server, String name, int type, Duration timeout) throws IOException {
    SimpleResolver r = new SimpleResolver(server);
    r.setTimeout(timeout);
    Message query = Message.newQuery(Record.newRecord(toName(name), type, DClass.IN));
    query.getHeader().unsetFlag(Flags.RD);
    return send(r, query, name, type, server.toString());
  }

  /** A recursive question through {@code resolver}. */
  static Message ask(Resolver resolver, String name, int type, String describe) throws IOException {
    Message query = Message.newQuery(Record.newRecord(toName(name), type, DClass.IN));
    return send(resolver, query, name, type, describe);
  }

  static Name toName(String name) throws IOException {
    try {
      return Name.fromString(name.endsWith(".") ? name : name + ".");
    } catch (TextParseException e) {
      throw new IOException("\"" + name + "\" is not a DNS name: " + e.getMessage(), e);
    }
  }

  /** The name as Lanyard writes it: lower case, no trailing dot. */
  static String text(Name name) {
    String s = name.toString(true);
    return s.toLowerCase(Locale.ROOT);
  }

  static List<Record> answers(Message m) {
    return m.getSection(Section.ANSWER);
  }

  static List<Record> authority(Message m) {
    return m.getSection(Section.AUTHORITY);
  }

  static String rcode(Message m) {
    return Rcode.string(m.getRcode());
  }

  private static Message send(Resolver r, Message query, String name, int type, String where) throws IOException {
    try {
      return r.send(query);
    } catch (IOException e) {
      String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      throw new IOException(Type.string(type) + " " + name + " at " + where + ": " + why, e);
    }
  }
}
