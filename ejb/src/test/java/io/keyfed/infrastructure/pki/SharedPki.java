package io.keyfed.infrastructure.pki;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * PKIs generated once per test JVM and shared by the test classes: each costs three RSA-3072 key
 * pairs, about a second. Tests must not modify their files; tests that do make their own.
 */
final class SharedPki {

  static final String HOST = "kms.test.example";

  private static ServerPki primary;
  private static ServerPki other;

  private SharedPki() {}

  /** A PKI for {@link #HOST} with extra SANs, generated in a fresh directory. */
  static synchronized ServerPki primary() {
    if (primary == null) {
      primary = generate("primary", HOST, List.of("10.9.8.7", "DNS:alias.test.example", "::1"));
    }
    return primary;
  }

  /** A second, unrelated PKI: its CA is not the primary one. */
  static synchronized ServerPki other() {
    if (other == null) {
      other = generate("other", "other.test.example", List.of());
    }
    return other;
  }

  private static ServerPki generate(String name, String host, List<String> sans) {
    try {
      Path dir = Files.createTempDirectory("keyfed-pki-" + name);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(dir)));
      return ServerPki.ensure(dir.resolve("pki"), host, sans);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static void delete(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // best effort in a temporary directory
    }
  }
}
