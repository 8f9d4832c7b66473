package dev.lanyard.dns;

import dev.lanyard.dns.query.QueryHandler;
import dev.lanyard.dns.query.Worker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/** Drives a server's packet handler in-process, as if a packet came from a given address. */
final class Probe {
  private final QueryHandler handler;
  private final Worker worker = new Worker();

  Probe(DnsServer server) {
    this.handler = server.handler();
  }

  /** Raw bytes in, every response message out. */
  List<byte[]> raw(byte[] packet, int protocol, int listener, String from) {
    List<byte[]> out = new ArrayList<>();
    try {
      handler.handle(worker, packet, packet.length, protocol, listener,
          new InetSocketAddress(InetAddress.getByName(from), 40000), (b, len) -> out.add(Arrays.copyOf(b, len)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  Message ask(Message query, int protocol, int listener, String from) {
    List<byte[]> out = raw(query.toWire(), protocol, listener, from);
    if (out.size() != 1) {
      throw new AssertionError("expected one response, got " + out.size());
    }
    try {
      return new Message(out.get(0));
    } catch (IOException e) {
      throw new AssertionError("unparseable response", e);
    }
  }

  Reply ask(String name, String type) {
    return Reply.of(ask(query(name, type, false), QueryHandler.UDP, 0, "127.0.0.1"));
  }

  Reply askEdns(String name, String type) {
    return Reply.of(ask(query(name, type, true), QueryHandler.UDP, 0, "127.0.0.1"));
  }

  static Message query(String name, String type, boolean edns) {
    try {
      Message m = Message.newQuery(Record.newRecord(Name.fromString(name.endsWith(".") ? name : name + "."),
          Type.value(type), DClass.IN));
      m.getHeader().unsetFlag(Flags.RD);
      if (edns) {
        m.addRecord(new OPTRecord(1232, 0, 0), Section.ADDITIONAL);
      }
      return m;
    } catch (TextParseException e) {
      throw new IllegalArgumentException(e);
    }
  }
}
