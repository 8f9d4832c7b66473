package dev.lanyard.acme.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CnameChainTest {

  static Stream<Arguments> chains() {
    return Stream.of(
        Arguments.of("no CNAME", Map.of(), "_acme-challenge.a.test"),
        Arguments.of("one hop", Map.of("_acme-challenge.a.test", "_acme-challenge.a.acme.test"),
            "_acme-challenge.a.acme.test"),
        Arguments.of("two hops, mixed case and trailing dots",
            Map.of("_acme-challenge.a.test", "Hop.Example.TEST.", "hop.example.test", "final.zone.test."),
            "final.zone.test"),
        Arguments.of("eight hops is the limit", chainOf(8), "n8.test"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("chains")
  void followsToTheEnd(String label, Map<String, String> cnames, String expected) throws IOException {
    assertThat(CnameChain.follow("_acme-challenge.a.test.", name -> Optional.ofNullable(cnames.get(name))))
        .isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("broken")
  void refusesBrokenChains(String label, Map<String, String> cnames, String message) {
    assertThatThrownBy(() -> CnameChain.follow("_acme-challenge.a.test", name -> Optional.ofNullable(cnames.get(name))))
        .isInstanceOf(IOException.class)
        .hasMessageContaining(message);
  }

  static Stream<Arguments> broken() {
    return Stream.of(
        Arguments.of("a loop", Map.of("_acme-challenge.a.test", "b.test", "b.test", "_acme-challenge.a.test"),
            "CNAME loop at _acme-challenge.a.test: _acme-challenge.a.test -> b.test -> _acme-challenge.a.test"),
        Arguments.of("nine hops", chainOf(9), "more than 8 CNAMEs from _acme-challenge.a.test"));
  }

  private static Map<String, String> chainOf(int hops) {
    Map<String, String> m = new HashMap<>();
    String from = "_acme-challenge.a.test";
    for (int i = 1; i <= hops; i++) {
      m.put(from, "n" + i + ".test");
      from = "n" + i + ".test";
    }
    return m;
  }
}
