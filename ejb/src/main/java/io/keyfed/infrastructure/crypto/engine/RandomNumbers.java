package io.keyfed.infrastructure.crypto.engine;

import java.security.SecureRandom;
import java.util.Objects;

/**
 * RNG Retrieve and RNG Seed (KMIP 1.3+ §4.35, §4.36; 2.1 §6.1.46, §6.1.47).
 *
 * <p>Retrieve returns bytes of the server's one {@link SecureRandom} (the platform's strong
 * default: NativePRNG / DRBG over the operating system's entropy), at most {@link #MAX_RETRIEVE}
 * per request.
 *
 * <p>Seed hands the client's bytes to {@link SecureRandom#setSeed(byte[])}, which by its contract
 * supplements the generator's state and never replaces it: a client's seed can add entropy but
 * cannot make the output predictable or repeatable. Up to {@link #MAX_SEED} bytes are accepted per
 * request, and the response's Data Length says how many were.
 */
public final class RandomNumbers {

  public static final int MAX_RETRIEVE = 1 << 20;
  public static final int MAX_SEED = 1024;

  private final SecureRandom random;

  public RandomNumbers(SecureRandom random) {
    this.random = Objects.requireNonNull(random);
  }

  /** RNG Retrieve: {@code dataLength} random bytes. */
  public byte[] retrieve(int dataLength) {
    if (dataLength < 0 || dataLength > MAX_RETRIEVE) {
      throw Failures.invalidField("Data Length must be 0 to " + MAX_RETRIEVE + ", not " + dataLength);
    }
    byte[] b = new byte[dataLength];
    random.nextBytes(b);
    return b;
  }

  /** RNG Seed: mixes the seed in; returns the Data Length accepted. */
  public int seed(byte[] data) {
    if (data == null || data.length == 0) {
      return 0;
    }
    int n = Math.min(data.length, MAX_SEED);
    random.setSeed(n == data.length ? data : java.util.Arrays.copyOf(data, n));
    return n;
  }
}
