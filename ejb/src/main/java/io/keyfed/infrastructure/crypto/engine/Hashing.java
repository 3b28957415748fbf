package io.keyfed.infrastructure.crypto.engine;

import io.keyfed.kmip.spec.HashingAlgorithm;
import java.util.Objects;
import org.bouncycastle.crypto.Digest;

/**
 * Hash (KMIP 2.0 §6.1.24, 2.1 §6.1.25), one-shot or streamed: every Hashing Algorithm of the
 * specification (MD2, MD4, MD5, SHA-1, SHA-224/256/384/512, SHA-512/224, SHA-512/256,
 * SHA3-224/256/384/512, RIPEMD-160, Tiger, Whirlpool), named by the Hashing Algorithm of the
 * Cryptographic Parameters or by a SHA3 Cryptographic Algorithm. The weak ones are there because
 * the specification lists them and hashing alone protects nothing; a policy can refuse them in
 * the handler.
 */
public final class Hashing {

  /** Hash's response fields. */
  public record Hashed(byte[] data, byte[] correlationValue) {}

  private static final String HASH = "Hash";

  private final StreamRegistry streams;

  public Hashing(StreamRegistry streams) {
    this.streams = Objects.requireNonNull(streams);
  }

  public Hashed hash(CryptographicParameters parameters, byte[] data, Streaming streaming) {
    Streaming step = streaming == null ? Streaming.ONE_SHOT : streaming;
    Digest d = Streams.begin(streams, step, HASH, null, Digest.class, () -> Digests.create(algorithm(parameters)));
    if (data != null) {
      d.update(data, 0, data.length);
    } else if (!step.continues() && !step.opens()) {
      throw Failures.invalidField("Data is required");
    }
    if (!step.ends()) {
      return new Hashed(null, Streams.end(streams, step, HASH, null, d));
    }
    byte[] out = new byte[d.getDigestSize()];
    d.doFinal(out, 0);
    return new Hashed(out, null);
  }

  /** A one-shot digest. */
  public static byte[] digest(HashingAlgorithm algorithm, byte[] data) {
    Digest d = Digests.create(algorithm);
    d.update(data, 0, data.length);
    byte[] out = new byte[d.getDigestSize()];
    d.doFinal(out, 0);
    return out;
  }

  private static HashingAlgorithm algorithm(CryptographicParameters params) {
    CryptographicParameters p = params == null ? CryptographicParameters.NONE : params;
    HashingAlgorithm h = p.hashingAlgorithm() != null ? p.hashingAlgorithm() : Digests.ofHashAlgorithm(p.cryptographicAlgorithm());
    if (h == null) {
      throw Failures.invalidField("Hash needs a Hashing Algorithm in the Cryptographic Parameters");
    }
    return h;
  }
}
