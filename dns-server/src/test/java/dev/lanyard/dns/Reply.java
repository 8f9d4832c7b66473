package dev.lanyard.dns;

import dev.lanyard.core.net.IpAddresses;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * A response reduced to what the tests compare, section by section, whether it came from dig or
 * from dnsjava: records as presentation lines with single spaces, AAAA addresses canonical.
 */
record Reply(String rcode, Set<String> flags, List<String> question, List<String> answer, List<String> authority,
    List<String> additional) {

  static Reply of(Message m) {
    Set<String> flags = new TreeSet<>();
    for (int f : new int[] {Flags.QR, Flags.AA, Flags.TC, Flags.RD, Flags.RA, Flags.AD, Flags.CD}) {
      if (m.getHeader().getFlag(f)) {
        flags.add(Flags.string(f).toLowerCase(Locale.ROOT));
      }
    }
    OPTRecord opt = m.getOPT();
    int rcode = m.getHeader().getRcode() | (opt == null ? 0 : opt.getExtendedRcode() << 4);
    List<String> question = m.getSection(Section.QUESTION).stream()
        .map(r -> r.getName() + " IN " + Type.string(r.getType())).toList();
    return new Reply(Rcode.string(rcode), flags, question, lines(m, Section.ANSWER), lines(m, Section.AUTHORITY),
        lines(m, Section.ADDITIONAL));
  }

  private static List<String> lines(Message m, int section) {
    List<String> out = new ArrayList<>();
    for (Record r : m.getSection(section)) {
      if (r.getType() != Type.OPT) {
        out.add(normalize(r.toString()));
      }
    }
    return out;
  }

  static String normalize(String line) {
    String[] t = line.trim().split("\\s+");
    if (t.length >= 5 && t[3].equals("AAAA")) {
      t[4] = IpAddresses.parse(t[4]).map(IpAddresses::canonical).orElse(t[4]);
    }
    return String.join(" ", Arrays.asList(t));
  }

  /** The answer lines sorted, for RRsets whose order the server may choose. */
  List<String> sortedAnswer() {
    return answer.stream().sorted().toList();
  }
}
