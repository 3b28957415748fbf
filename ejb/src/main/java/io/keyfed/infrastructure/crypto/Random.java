package io.keyfed.infrastructure.crypto;

import java.security.SecureRandom;

/** The server's source of key material: one SecureRandom (the platform's strong default). */
public final class Random {

  private static final SecureRandom RANDOM = new SecureRandom();

  private Random() {}

  public static byte[] bytes(int n) {
    byte[] b = new byte[n];
    RANDOM.nextBytes(b);
    return b;
  }
}
