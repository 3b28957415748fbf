package io.keyfed.infrastructure.crypto.engine;

import io.keyfed.kmip.spec.BlockCipherMode;
import io.keyfed.kmip.spec.CryptographicAlgorithm;
import io.keyfed.kmip.spec.HashingAlgorithm;
import io.keyfed.kmip.spec.ValidityIndicator;
import io.keyfed.kmip.ttlv.Ttlv;
import java.util.Objects;
import org.bouncycastle.crypto.Mac;
import org.bouncycastle.crypto.macs.CMac;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.util.Arrays;

/**
 * MAC and MAC Verify (KMIP 1.4 §4.33, §4.34; 2.1 §6.1.28, §6.1.29), one-shot or streamed.
 *
 * <p>HMAC with SHA-1, SHA-224/256/384/512, SHA3-224/256/384/512 or MD5 (RFC 2104), and CMAC (SP
 * 800-38B) with AES, 3DES, Camellia, ARIA, SEED or SM4 keys. The algorithm is, in this order: an
 * HMAC Cryptographic Algorithm in the Cryptographic Parameters (the OASIS case CS-AC-M-4 MACs with
 * an AES-typed key and "HMAC-SHA256" parameters); Block Cipher Mode CMAC; a Hashing Algorithm in
 * the parameters (HMAC with it); the key's own HMAC algorithm; CMAC for a block cipher key.
 *
 * <p>MAC Verify compares in constant time and answers Valid or Invalid; a MAC Data shorter than
 * the full MAC is compared with its prefix when it keeps at least half the MAC and 80 bits (RFC
 * 2104 §5), so truncated HMACs (RFC 4231 test case 5) verify.
 *
 * <p>Not supported: CBC-MAC, GMAC, Poly1305 and KMAC as MAC algorithms.
 */
public final class Macs {

  /** MAC's response fields. */
  public record Maced(byte[] macData, byte[] correlationValue) {}

  /** MAC Verify's response fields. */
  public record MacVerified(ValidityIndicator validityIndicator, byte[] correlationValue) {}

  private static final String MAC = "MAC";
  private static final String MAC_VERIFY = "MACVerify";

  private final StreamRegistry streams;

  public Macs(StreamRegistry streams) {
    this.streams = Objects.requireNonNull(streams);
  }

  /** MAC over Data with the key object (a Symmetric Key). */
  public Maced mac(String uniqueIdentifier, Ttlv key, CryptographicParameters parameters, byte[] data,
      Streaming streaming) {
    Streaming step = streaming == null ? Streaming.ONE_SHOT : streaming;
    State s = Streams.begin(streams, step, MAC, uniqueIdentifier, State.class, () -> open(key, parameters));
    s.update(data, step);
    if (!step.ends()) {
      return new Maced(null, Streams.end(streams, step, MAC, uniqueIdentifier, s));
    }
    return new Maced(s.doFinal(), null);
  }

  /** MAC Verify; the MAC Data may come in any part of a stream. */
  public MacVerified verify(String uniqueIdentifier, Ttlv key, CryptographicParameters parameters, byte[] data,
      byte[] macData, Streaming streaming) {
    Streaming step = streaming == null ? Streaming.ONE_SHOT : streaming;
    State s = Streams.begin(streams, step, MAC_VERIFY, uniqueIdentifier, State.class, () -> open(key, parameters));
    if (macData != null) {
      s.expected = macData.clone();
    }
    s.update(data, step);
    if (!step.ends()) {
      return new MacVerified(null, Streams.end(streams, step, MAC_VERIFY, uniqueIdentifier, s));
    }
    if (s.expected == null) {
      throw Failures.invalidField("MAC Verify needs the MAC Data");
    }
    byte[] full = s.doFinal();
    int n = s.expected.length;
    boolean lengthOk = n == full.length || (n < full.length && n >= full.length / 2 && n >= 10);
    boolean ok = lengthOk && Arrays.constantTimeAreEqual(s.expected, java.util.Arrays.copyOf(full, n));
    return new MacVerified(ok ? ValidityIndicator.VALID : ValidityIndicator.INVALID, null);
  }

  /** One-shot HMAC or CMAC for the other engines (derivation). */
  static byte[] compute(Mac mac, byte[] data) {
    mac.update(data, 0, data.length);
    byte[] out = new byte[mac.getMacSize()];
    mac.doFinal(out, 0);
    return out;
  }

  static Mac hmac(HashingAlgorithm h, byte[] key) {
    HMac m = new HMac(Digests.create(h));
    m.init(new KeyParameter(key));
    return m;
  }

  private static State open(Ttlv keyObject, CryptographicParameters params) {
    CryptographicParameters p = params == null ? CryptographicParameters.NONE : params;
    ManagedKey k = ManagedKey.of(keyObject);
    byte[] key = k.secretBytes();
    HashingAlgorithm h = Digests.ofHmac(p.cryptographicAlgorithm());
    if (h == null && p.cryptographicAlgorithm() != null && p.blockCipherMode() != BlockCipherMode.CMAC
        && p.cryptographicAlgorithm() != k.algorithm()) {
      throw Failures.invalidField("Cryptographic Algorithm " + p.cryptographicAlgorithm().specName() + " is not a MAC");
    }
    if (h == null && p.blockCipherMode() == null && p.hashingAlgorithm() != null) {
      h = p.hashingAlgorithm();
    }
    if (h == null && p.blockCipherMode() == null) {
      h = Digests.ofHmac(k.algorithm());
    }
    if (h != null) {
      if (key.length == 0) {
        throw Failures.invalidField("an HMAC key cannot be empty");
      }
      return new State(hmac(h, key));
    }
    BlockCipherMode mode = p.blockCipherMode();
    if (mode != null && mode != BlockCipherMode.CMAC) {
      throw Failures.featureNotSupported("MAC with Block Cipher Mode " + mode.specName() + " is not supported");
    }
    CryptographicAlgorithm alg = p.cryptographicAlgorithm() != null ? p.cryptographicAlgorithm() : k.algorithm();
    if (alg == null) {
      throw Failures.invalidField("the key and the parameters name no MAC algorithm");
    }
    CMac cmac = new CMac(Encryption.engine(alg, key));
    cmac.init(new KeyParameter(key));
    return new State(cmac);
  }

  private static final class State {
    private final Mac mac;
    byte[] expected;

    State(Mac mac) {
      this.mac = mac;
    }

    void update(byte[] data, Streaming step) {
      if (data == null) {
        if (!step.continues() && !step.opens()) {
          throw Failures.invalidField("Data is required");
        }
        return;
      }
      mac.update(data, 0, data.length);
    }

    byte[] doFinal() {
      byte[] out = new byte[mac.getMacSize()];
      mac.doFinal(out, 0);
      return out;
    }
  }
}
