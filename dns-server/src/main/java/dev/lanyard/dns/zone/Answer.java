package dev.lanyard.dns.zone;

import java.util.List;
import org.xbill.DNS.Record;

/** What the zone data says for one question, before it is put on the wire. */
public record Answer(int rcode, boolean authoritative, List<Record> answer, List<Record> authority,
    List<Record> additional) {

  public Answer {
    answer = List.copyOf(answer);
    authority = List.copyOf(authority);
    additional = List.copyOf(additional);
  }

  public static Answer error(int rcode) {
    return new Answer(rcode, false, List.of(), List.of(), List.of());
  }
}
