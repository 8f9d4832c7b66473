package dev.lanyard.dns.view;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.core.config.ConfigLoader;
import dev.lanyard.core.config.LanyardConfig;
import dev.lanyard.core.net.HostPort;
import java.net.InetAddress;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Listener and client rules, matched on raw bytes. */
class ViewSelectorTest {
  private static final String CONFIG = """
      zones:
        - name: example.com
          nameservers: [{name: ns1.example.net}]
      sources: {kubernetes: {enabled: true}}
      dns:
        listen: ["127.0.0.1:5300", "10.0.0.1:53", "[::1]:53"]
      views:
        - name: any-53
          listeners: ["0.0.0.0:53"]
        - name: lo
          listeners: ["127.0.0.1:5300"]
          clients: ["192.168.0.0/16", "2001:db8::/32"]
        - name: default
      """;

  private static LanyardConfig config() throws Exception {
    return ConfigLoader.parse(CONFIG, Path.of("/tmp/test.yaml"), Path.of("/tmp"));
  }

  @Test
  void listenersMatchExactlyOrByWildcardHostOnTheSamePort() throws Exception {
    LanyardConfig c = config();
    ViewSelector s = new ViewSelector(c, c.allListeners());
    assertThat(c.allListeners()).contains(HostPort.parse("127.0.0.1:5300", -1).orElseThrow());
    int lo = c.allListeners().indexOf(HostPort.parse("127.0.0.1:5300", -1).orElseThrow());
    int ten = c.allListeners().indexOf(HostPort.parse("10.0.0.1:53", -1).orElseThrow());
    assertThat(s.listenerView(lo)).isEqualTo(1);
    assertThat(s.listenerView(ten)).as("0.0.0.0:53 covers every address on port 53").isZero();
    assertThat(s.defaultView()).isEqualTo(2);
  }

  @ParameterizedTest(name = "{0} -> view {1}")
  @CsvSource({"192.168.4.5, 1", "10.1.1.1, -1", "2001:db8::5, 1", "2001:db9::5, -1", "::ffff:192.168.1.1, 1"})
  void clientsMatchTheirPrefixes(String address, int view) throws Exception {
    LanyardConfig c = config();
    ViewSelector s = new ViewSelector(c, c.allListeners());
    byte[] a = InetAddress.getByName(address).getAddress();
    assertThat(s.clientView(a, a.length)).isEqualTo(view);
  }
}
