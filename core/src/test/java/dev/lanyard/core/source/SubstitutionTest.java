package dev.lanyard.core.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SubstitutionTest {
  static final Map<String, String> VARS = Map.of("SECRET_DOMAIN", "example.com", "EMPTY", "");

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "app.${SECRET_DOMAIN}              | app.example.com",
      "${SECRET_DOMAIN}.${SECRET_DOMAIN} | example.com.example.com",
      "${MISSING:=fallback}              | fallback",
      "${MISSING:-fallback}              | fallback",
      "${EMPTY:=fallback}                | fallback",
      "${EMPTY=fallback}                 | ''",
      "${MISSING=fallback}               | fallback",
      "${SECRET_DOMAIN:=other}           | example.com",
      "$${SECRET_DOMAIN}                 | ${SECRET_DOMAIN}",
      "$SECRET_DOMAIN                    | $SECRET_DOMAIN",
      "${1BAD}                           | ${1BAD}",
      "${MISSING}x                       | x",
  })
  void substitutes(String in, String out) {
    assertThat(Substitution.apply(in, VARS).text()).isEqualTo(out);
  }

  @org.junit.jupiter.api.Test
  void reportsUnsetVariablesWithTheirLine() {
    Substitution.Result r = Substitution.apply("a: 1\nb: ${NOPE}\nc: ${SECRET_DOMAIN}\n", VARS);
    assertThat(r.missing()).containsExactly(new Substitution.Missing("NOPE", 2));
  }
}
