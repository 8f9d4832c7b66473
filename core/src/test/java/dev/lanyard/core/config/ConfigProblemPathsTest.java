package dev.lanyard.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each problem is reported once, at the key path of the value that is wrong, and no follow-on problem is invented. */
class ConfigProblemPathsTest {
  @TempDir Path dir;

  private ConfigException problems(String yaml) throws Exception {
    Files.createDirectories(dir.resolve("manifests"));
    Path file = Files.writeString(dir.resolve("lanyard.yaml"), yaml);
    try {
      ConfigLoader.load(file);
    } catch (ConfigException e) {
      return e;
    }
    throw new AssertionError("the config loaded:\n" + yaml);
  }

  @Test
  void aMissingManifestPathIsReportedAtItsListIndex() throws Exception {
    ConfigException e = problems("""
        zones: [{name: example.com, nameservers: [{name: ns1.example.com, addresses: [192.168.1.53]}]}]
        sources: {manifests: {paths: [./manifests, ./missing]}}
        """);
    assertThat(e.problems()).extracting(ConfigProblem::toString)
        .containsExactly("sources.manifests.paths[1]: " + dir.resolve("missing") + " does not exist");
  }

  @Test
  void aSingleManifestPathIsReportedAtItsKey() throws Exception {
    ConfigException e = problems("""
        zones: [{name: example.com, nameservers: [{name: ns1.example.com, addresses: [192.168.1.53]}]}]
        sources: {manifests: {paths: ./missing}}
        """);
    assertThat(e.problems()).extracting(ConfigProblem::toString)
        .containsExactly("sources.manifests.paths: " + dir.resolve("missing") + " does not exist");
  }

  @Test
  void anInvalidListenAddressIsOneProblemNotAlsoAnEmptyList() throws Exception {
    ConfigException e = problems("""
        zones: [{name: example.com, nameservers: [{name: ns1.example.com, addresses: [192.168.1.53]}]}]
        dns: {listen: ["127.0.0.1:99999"]}
        sources: {manifests: {paths: [./manifests]}}
        """);
    assertThat(e.problems()).extracting(ConfigProblem::toString)
        .containsExactly("dns.listen[0]: \"127.0.0.1:99999\" is not an IP address and port (e.g. \"0.0.0.0:5353\", \"[::]:53\")");
  }

  @Test
  void anEmptyListenListIsReported() throws Exception {
    ConfigException e = problems("""
        zones: [{name: example.com, nameservers: [{name: ns1.example.com, addresses: [192.168.1.53]}]}]
        dns: {listen: []}
        sources: {manifests: {paths: [./manifests]}}
        """);
    assertThat(e.problems()).extracting(ConfigProblem::toString).containsExactly("dns.listen: needs at least one address");
  }
}
