package io.keyfed.infrastructure.crypto.engine;

import java.security.SecureRandom;
import java.util.Objects;

/**
 * The engine's parts wired together once: one source of randomness and one registry of streamed
 * operations for all of them. The application keeps one instance for the server's life (an
 * {@code @ApplicationScoped} producer or a {@code @Singleton} bean: the stream registry must
 * outlive the requests of a stream) and hands the parts to the operation handlers.
 */
public final class CryptoEngine {

  private final SecureRandom random;
  private final StreamRegistry streams;
  private final KeyGeneration keyGeneration;
  private final Encryption encryption;
  private final Signatures signatures;
  private final Macs macs;
  private final Hashing hashing;
  private final RandomNumbers randomNumbers;
  private final KeyWrapping keyWrapping;
  private final KeyDerivation keyDerivation;
  private final SplitKeys splitKeys;

  public CryptoEngine(SecureRandom random, StreamRegistry streams) {
    this.random = Objects.requireNonNull(random);
    this.streams = Objects.requireNonNull(streams);
    this.keyGeneration = new KeyGeneration(random);
    this.encryption = new Encryption(random, streams);
    this.signatures = new Signatures(random, streams);
    this.macs = new Macs(streams);
    this.hashing = new Hashing(streams);
    this.randomNumbers = new RandomNumbers(random);
    this.keyWrapping = new KeyWrapping(encryption);
    this.keyDerivation = new KeyDerivation(encryption);
    this.splitKeys = new SplitKeys(random);
  }

  /**
   * With the server's {@link io.keyfed.infrastructure.crypto.Random} source and the default stream
   * limits ({@link StreamRegistry#withDefaults}).
   */
  public static CryptoEngine create() {
    SecureRandom r = io.keyfed.infrastructure.crypto.Random.source();
    return new CryptoEngine(r, StreamRegistry.withDefaults(r));
  }

  public SecureRandom random() {
    return random;
  }

  public StreamRegistry streams() {
    return streams;
  }

  public KeyGeneration keyGeneration() {
    return keyGeneration;
  }

  public Encryption encryption() {
    return encryption;
  }

  public Signatures signatures() {
    return signatures;
  }

  public Macs macs() {
    return macs;
  }

  public Hashing hashing() {
    return hashing;
  }

  public RandomNumbers randomNumbers() {
    return randomNumbers;
  }

  public KeyWrapping keyWrapping() {
    return keyWrapping;
  }

  public KeyDerivation keyDerivation() {
    return keyDerivation;
  }

  public SplitKeys splitKeys() {
    return splitKeys;
  }
}
