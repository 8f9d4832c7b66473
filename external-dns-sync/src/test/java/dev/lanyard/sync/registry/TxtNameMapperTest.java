package dev.lanyard.sync.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TxtNameMapperTest {

  /** The table of compat.md C 4.2 (external-dns's AffixNameMapper tests). */
  @ParameterizedTest(name = "prefix={0} suffix={1} wildcard={2}: {3} {4} -> {5}")
  @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
      ''                        | ''                      | ''       | foo.zone          | CNAME | cname-foo.zone
      ''                        | ''                      | ''       | foo.zone          | A     | a-foo.zone
      ''                        | ''                      | ''       | foo.zone          | AAAA  | aaaa-foo.zone
      txt.                      | ''                      | ''       | new-record-1.zone | CNAME | txt.cname-new-record-1.zone
      prefix%{record_type}.     | ''                      | ''       | new-record-1.zone | CNAME | prefixcname.new-record-1.zone
      %{record_type}-           | ''                      | ''       | bar.zone          | A     | a-bar.zone
      ''                        | -txt                    | ''       | new-record-1.zone | CNAME | cname-new-record-1-txt.zone
      ''                        | -%{record_type}suffix   | ''       | new-record-1.zone | CNAME | new-record-1-cnamesuffix.zone
      ''                        | -txt                    | wildcard | *.wildcard.zone   | CNAME | cname-wildcard-txt.wildcard.zone
      ''                        | ''                      | ''       | example           | CNAME | cname-example
      %{record_type}-abc-.      | ''                      | ''       | ex.com            | CNAME | cname-abc-.ex.com
      ''                        | ''                      | ''       | ex.com            | CNAME | cname-ex.com
      ''                        | ''                      | ''       | *.example.com     | A     | a-*.example.com
      ''                        | ''                      | any      | *.example.com     | A     | a-any.example.com
      TXT.                      | ''                      | ''       | app.example.com   | A     | txt.a-app.example.com
      """)
  void txtNames(String prefix, String suffix, String wildcard, String name, String type, String txt) {
    TxtNameMapper m = new TxtNameMapper(prefix, suffix, wildcard);
    assertThat(m.toTxtName(name, type)).contains(txt);
  }

  @ParameterizedTest(name = "prefix={0} suffix={1}: {2} -> {3} {4}")
  @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
      ''                    | ''                    | cname-foo.zone                   | foo.zone              | CNAME
      ''                    | ''                    | a-foo.zone                       | foo.zone              | A
      ''                    | ''                    | aaaa-foo.zone                    | foo.zone              | AAAA
      ''                    | ''                    | A-Foo.Zone                       | foo.zone              | A
      ''                    | ''                    | foo.zone                         | foo.zone              | -
      ''                    | ''                    | api-gw.zone                      | api-gw.zone           | -
      txt.                  | ''                    | txt.cname-new-record-1.zone      | new-record-1.zone     | CNAME
      txt.                  | ''                    | txt.new-record-1.zone            | new-record-1.zone     | -
      prefix%{record_type}. | ''                    | prefixcname.new-record-1.zone    | new-record-1.zone     | CNAME
      prefix%{record_type}. | ''                    | prefix.new-record-1.zone         | new-record-1.zone     | -
      ''                    | -txt                  | cname-new-record-1-txt.zone      | new-record-1.zone     | CNAME
      ''                    | -%{record_type}suffix | new-record-1-cnamesuffix.zone    | new-record-1.zone     | CNAME
      ''                    | -txt                  | cname-wildcard-txt.wildcard.zone | wildcard.wildcard.zone | CNAME
      ''                    | ''                    | mx-mail.zone                     | mail.zone             | MX
      """)
  void recordNames(String prefix, String suffix, String txt, String name, String type) {
    TxtNameMapper m = new TxtNameMapper(prefix, suffix, "wildcard");
    assertThat(m.toRecordName(txt)).contains(new TxtNameMapper.Target(name, Optional.ofNullable(type)));
  }

  @Test
  void aTxtNameWithoutTheConfiguredPrefixIsNoOwnershipName() {
    assertThat(new TxtNameMapper("txt.", "", "").toRecordName("a-app.example.com")).isEmpty();
    assertThat(new TxtNameMapper("", "-txt", "").toRecordName("a-app.example.com")).isEmpty();
  }

  @Test
  void aLabelLongerThan63CharactersGetsNoTxt() {
    String label = "x".repeat(62);
    assertThat(TxtNameMapper.plain().toTxtName(label + ".example.com", "A")).isEmpty();
    assertThat(TxtNameMapper.plain().toTxtName("x".repeat(61) + ".example.com", "A")).isPresent();
  }

  @Test
  void prefixAndSuffixAreExclusive() {
    assertThatThrownBy(() -> new TxtNameMapper("a.", "-b", "")).hasMessageContaining("mutually exclusive");
  }

  @Test
  void lookupNameReplacesOnlyALeadingWildcard() {
    TxtNameMapper m = new TxtNameMapper("", "", "any");
    assertThat(m.lookupName("*.example.com")).isEqualTo("any.example.com");
    assertThat(m.lookupName("a.*.example.com")).isEqualTo("a.*.example.com");
    assertThat(TxtNameMapper.plain().lookupName("*.example.com")).isEqualTo("*.example.com");
  }
}
