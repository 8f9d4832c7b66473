package dev.lanyard.dns.wire;

import dev.lanyard.dns.zone.Answer;
import java.io.ByteArrayOutputStream;
import java.util.List;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;

/** Turns {@link Answer}s into {@link Template}s. */
public final class TemplateEncoder {
  private TemplateEncoder() {}

  /**
   * An exact template: dnsjava writes the whole message with name compression against the
   * lower-cased question; the question is then cut out. Fits only a question of {@code qname}'s
   * length.
   */
  public static Template exact(Answer a, Name qname, int qtype) {
    Message m = new Message(0);
    m.getHeader().setFlag(Flags.QR);
    if (a.authoritative()) {
      m.getHeader().setFlag(Flags.AA);
    }
    m.getHeader().setRcode(a.rcode());
    Name lower = qname.canonicalize();
    m.addRecord(Record.newRecord(lower, qtype, DClass.IN), Section.QUESTION);
    a.answer().forEach(r -> m.addRecord(r, Section.ANSWER));
    a.authority().forEach(r -> m.addRecord(r, Section.AUTHORITY));
    a.additional().forEach(r -> m.addRecord(r, Section.ADDITIONAL));
    byte[] full = m.toWire();
    int questionEnd = 12 + lower.length() + 4;
    byte[] wire = new byte[full.length - questionEnd + 12];
    System.arraycopy(full, 0, wire, 0, 12);
    System.arraycopy(full, questionEnd, wire, 12, full.length - questionEnd);
    return new Template(wire, a.rcode());
  }

  /**
   * A relocatable template: records owned by {@code owner} point at the question name (offset 12),
   * every other name is written in full, so the template fits any question.
   */
  public static Template relocatable(Answer a, Name owner) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(128);
    byte[] header = new byte[12];
    header[2] = (byte) (0x80 | (a.authoritative() ? 0x04 : 0));
    header[3] = (byte) (a.rcode() & 0xf);
    Bytes.putU16(header, 4, 1);
    Bytes.putU16(header, 6, a.answer().size());
    Bytes.putU16(header, 8, a.authority().size());
    Bytes.putU16(header, 10, a.additional().size());
    out.writeBytes(header);
    writeSection(out, a.answer(), Section.ANSWER, owner);
    writeSection(out, a.authority(), Section.AUTHORITY, owner);
    writeSection(out, a.additional(), Section.ADDITIONAL, owner);
    return new Template(out.toByteArray(), a.rcode());
  }

  private static void writeSection(ByteArrayOutputStream out, List<Record> records, int section, Name owner) {
    for (Record r : records) {
      byte[] wire = r.toWire(section);
      if (owner != null && r.getName().equals(owner)) {
        int nameLength = r.getName().length();
        out.write(0xc0);
        out.write(12);
        out.write(wire, nameLength, wire.length - nameLength);
      } else {
        out.writeBytes(wire);
      }
    }
  }
}
