package io.keyfed.infrastructure.crypto.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The fixed values of OASIS test cases that the engine tests use (oasis-vectors.properties names the files). */
final class OasisVectors {

  private static final Properties P = new Properties();

  static {
    try (InputStream in = OasisVectors.class.getResourceAsStream("oasis-vectors.properties")) {
      P.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private OasisVectors() {}

  static String get(String key) {
    String v = P.getProperty(key);
    if (v == null) {
      throw new IllegalArgumentException("no OASIS vector value " + key);
    }
    return v;
  }
}
