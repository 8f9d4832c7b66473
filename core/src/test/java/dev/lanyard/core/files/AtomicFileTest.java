package dev.lanyard.core.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileTest {
  @TempDir Path dir;

  @Test
  void replacesTheFileWholeWithItsPermissionsAndLeavesNoTemporaryFile() throws Exception {
    Path key = dir.resolve("certs/privkey.pem");
    AtomicFile.write(key, "old\n", AtomicFile.PRIVATE);
    Object inode = Files.getAttribute(key, "unix:ino");
    AtomicFile.write(key, "new\n", AtomicFile.PRIVATE);
    assertThat(Files.readString(key)).isEqualTo("new\n");
    assertThat(Files.getAttribute(key, "unix:ino")).as("renamed into place, not rewritten").isNotEqualTo(inode);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
    assertThat(AtomicFile.readableByOthers(key)).isFalse();
    try (var files = Files.list(key.getParent())) {
      assertThat(files).containsExactly(key);
    }
    AtomicFile.write(dir.resolve("cert.pem"), "c\n", AtomicFile.PUBLIC);
    assertThat(AtomicFile.readableByOthers(dir.resolve("cert.pem"))).isTrue();
  }
}
