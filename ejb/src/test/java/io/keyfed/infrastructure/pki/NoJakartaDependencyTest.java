package io.keyfed.infrastructure.pki;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * This package runs from the command line (deploy scripts) as well as in the server, where the
 * Jakarta APIs are absent: it must not refer to them.
 */
class NoJakartaDependencyTest {

  @Test
  void noSourceFileOfThePackageMentionsJakarta() throws Exception {
    Path sources = Paths.get("src/main/java/io/keyfed/infrastructure/pki");
    List<Path> offenders;
    try (Stream<Path> files = Files.list(sources)) {
      List<Path> java = files.filter(f -> f.toString().endsWith(".java")).toList();
      assertFalse(java.isEmpty(), "no sources found under " + sources.toAbsolutePath());
      offenders = java.stream().filter(NoJakartaDependencyTest::mentionsJakarta).toList();
    }
    assertEquals(List.of(), offenders);
  }

  private static boolean mentionsJakarta(Path file) {
    try {
      return Files.readString(file).matches("(?s).*\\bjakarta\\.[a-z].*");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
