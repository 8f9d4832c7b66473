package dev.lanyard.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HostnamesTest {

  @ParameterizedTest(name = "\"{0}\" -> {1}")
  @CsvSource(delimiter = '|', nullValues = "-", value = {
      "App.Example.COM.        | app.example.com",
      "*.apps.example.com      | *.apps.example.com",
      "_acme-challenge.example.com | _acme-challenge.example.com",
      "10.in-addr.arpa         | 10.in-addr.arpa",
      "1password.com           | 1password.com",
      "host-1.example.com      | host-1.example.com",
      "999.1.1.1               | -",
      "10.0.0.256              | -",
      "192.168.1.1             | -",
      "::1                     | -",
      "1.2.3                   | -",
      "-bad-.example.com       | -",
      "..                      | -",
      "*.                      | -",
      "a..example.com          | -",
      "a.*.example.com         | -",
  })
  void parseNormalizesValidNamesAndRejectsTheRest(String input, String expected) {
    assertThat(Hostnames.parse(input).orElse(null)).isEqualTo(expected);
  }
}
