package io.keyfed.infrastructure.crypto;

import java.security.SecureRandom;

/** The server's source of key material: one SecureRandom (the platform's strong default). */
public final class Random {

  private static final SecureRandom RANDOM = new SecureRandom();

  private Random() {}

  /**
   * The SecureRandom itself, for code that takes one (the crypto engine, Bouncy Castle). Seeding
   * it ({@link SecureRandom#setSeed}) supplements its state and never replaces it.
   */
  public static SecureRandom source() {
    return RANDOM;
  }

  public static byte[] bytes(int n) {
    byte[] b = new byte[n];
    RANDOM.nextBytes(b);
    return b;
  }
}
