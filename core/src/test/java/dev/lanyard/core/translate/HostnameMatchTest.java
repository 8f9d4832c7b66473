package dev.lanyard.core.translate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HostnameMatchTest {

  // external-dns source/gateway_test.go TestGatewayMatchingHost, plus the symmetric cases.
  @ParameterizedTest(name = "listener \"{0}\" x route \"{1}\" -> \"{2}\"")
  @CsvSource(delimiter = '|', nullValues = "NONE", value = {
      "''                | ''                      | ''",
      "example.net       | ''                      | example.net",
      "''                | example.net             | example.net",
      "example.net       | example.net             | example.net",
      "Example.NET.      | example.net             | example.net",
      "*.example.net     | test.example.net        | test.example.net",
      "test.example.net  | *.example.net           | test.example.net",
      "*.example.net     | foo.bar.test.example.net| foo.bar.test.example.net",
      "*.example.net     | *.example.net           | *.example.net",
      "*.example.net     | *.a.example.net         | *.a.example.net",
      "*.example.net     | example.net             | NONE",
      "example.net       | *.example.net           | NONE",
      "*example.net      | a.example.net           | NONE",
      "a.example.net     | b.example.net           | NONE",
      "1.2.3.4           | ''                      | NONE",
      "''                | 1.2.3.4                 | NONE",
      "*.example.net     | example.org             | NONE",
      "*.example.net     | xexample.net            | NONE",
  })
  void intersects(String listener, String route, String expected) {
    assertThat(HostnameMatch.intersect(listener, route)).isEqualTo(Optional.ofNullable(expected));
  }
}
