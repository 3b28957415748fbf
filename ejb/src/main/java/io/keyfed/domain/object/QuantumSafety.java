package io.keyfed.domain.object;

import io.keyfed.kmip.attribute.Attribute;
import io.keyfed.kmip.message.KmipException;
import io.keyfed.kmip.spec.CryptographicAlgorithm;
import io.keyfed.kmip.spec.ItemType;
import io.keyfed.kmip.spec.ResultReason;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.ttlv.Ttlv;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The Quantum Safe attribute (KMIP 2.0/2.1 §4, Quantum Safe; Quantum Safe Server profile, KMIP
 * Profiles 2.0/2.1 §5): an object may carry Quantum Safe = True only when its algorithm resists a
 * quantum adversary. The server enforces it (test cases QS-M-2-20/21: Create of an AES-128 key
 * with Quantum Safe True fails with General Failure, the reason the profile's test case gives).
 *
 * <p>What counts as quantum safe here:
 *
 * <ul>
 *   <li>symmetric ciphers and MAC keys of at least 256 bits: Grover's search halves a key's
 *       strength, so 256 bits keep 128 (the CNSA 2.0 rule, AES-256 only). AES-128/192, 3DES
 *       and the other short or legacy ciphers do not;
 *   <li>the hash-based and code-based algorithms KMIP names: XMSS, SPHINCS-256, McEliece and its
 *       parameter sets, and the One Time Pad (whatever their Cryptographic Length);
 *   <li>never RSA, DSA, (EC)DH, ECDSA, ECMQV, EC, Ed25519/Ed448, SM2 or GOST R 34.10: Shor's
 *       algorithm breaks them at every size.
 * </ul>
 *
 * <p>An object without Cryptographic Algorithm (Secret Data, Opaque Object) gives nothing to judge;
 * the client's statement is kept. Quantum Safe False is always accepted.
 */
public final class QuantumSafety {

  private QuantumSafety() {}

  /** Post-quantum by construction: safe at any length. */
  private static final Set<CryptographicAlgorithm> POST_QUANTUM = EnumSet.of(CryptographicAlgorithm.XMSS,
      CryptographicAlgorithm.SPHINCS_256, CryptographicAlgorithm.MCELIECE, CryptographicAlgorithm.MCELIECE_6960119,
      CryptographicAlgorithm.MCELIECE_8192128, CryptographicAlgorithm.ONE_TIME_PAD);

  /**
   * Current 128-bit-block ciphers, stream ciphers and keyed MACs over SHA-2/SHA-3: safe from 256
   * key bits. Legacy ones (DES, 3DES, 64-bit-block ciphers, RC2/RC4, MD5 and SHA-1 MACs) are
   * not counted at any length.
   */
  private static final Set<CryptographicAlgorithm> SYMMETRIC = EnumSet.of(CryptographicAlgorithm.AES,
      CryptographicAlgorithm.CAMELLIA, CryptographicAlgorithm.ARIA, CryptographicAlgorithm.TWOFISH,
      CryptographicAlgorithm.CHACHA20, CryptographicAlgorithm.CHACHA20POLY1305, CryptographicAlgorithm.POLY1305,
      CryptographicAlgorithm.GOST_R_34_13_2015, CryptographicAlgorithm.HMAC_SHA224, CryptographicAlgorithm.HMAC_SHA256,
      CryptographicAlgorithm.HMAC_SHA384, CryptographicAlgorithm.HMAC_SHA512, CryptographicAlgorithm.HMAC_SHA3_224,
      CryptographicAlgorithm.HMAC_SHA3_256, CryptographicAlgorithm.HMAC_SHA3_384, CryptographicAlgorithm.HMAC_SHA3_512);

  /** The smallest key that keeps 128 bits of strength against Grover's search. */
  static final int MIN_SYMMETRIC_BITS = 256;

  /**
   * Whether an object of this algorithm and length is quantum safe.
   *
   * @param length the Cryptographic Length in bits, or null if unknown (then only algorithms safe
   *     at every length pass)
   */
  public static boolean isQuantumSafe(CryptographicAlgorithm algorithm, Integer length) {
    if (POST_QUANTUM.contains(algorithm)) {
      return true;
    }
    return SYMMETRIC.contains(algorithm) && length != null && length >= MIN_SYMMETRIC_BITS;
  }

  /**
   * As {@link #require(List)} for a change of one attribute: the object's attributes with {@code
   * changed} written (only a Quantum Safe True needs a look).
   */
  public static void requireAfter(List<Attribute> current, Attribute changed) {
    if (changed.is(Tag.QUANTUM_SAFE)) {
      List<Attribute> after = new java.util.ArrayList<>(current.size() + 1);
      after.add(changed);
      for (Attribute a : current) {
        if (!a.is(Tag.QUANTUM_SAFE)) {
          after.add(a);
        }
      }
      require(after);
    }
  }

  /**
   * Refuses a new object, or an object's attributes after a change, that say Quantum Safe True of an
   * algorithm that is not (General Failure, message beginning NOT_SAFE).
   *
   * @param attributes the object's attributes (after the change)
   */
  public static void require(List<Attribute> attributes) {
    if (!claimsQuantumSafe(attributes)) {
      return;
    }
    Ttlv alg = first(attributes, Tag.CRYPTOGRAPHIC_ALGORITHM);
    if (alg == null || alg.type() != ItemType.ENUMERATION) {
      return;
    }
    Ttlv len = first(attributes, Tag.CRYPTOGRAPHIC_LENGTH);
    Integer bits = len != null && len.type() == ItemType.INTEGER ? len.asInt() : null;
    CryptographicAlgorithm algorithm = CryptographicAlgorithm.fromValue(alg.asInt());
    if (algorithm == null || !isQuantumSafe(algorithm, bits)) {
      String what = (algorithm == null ? "algorithm " + alg.asInt() : algorithm.specName()) + (bits == null ? "" : "-" + bits);
      throw new KmipException(ResultReason.GENERAL_FAILURE, "NOT_SAFE: Quantum Safe is True but " + what
          + " is not quantum safe (symmetric keys need at least " + MIN_SYMMETRIC_BITS
          + " bits; RSA, DSA, DH and elliptic-curve keys never are)");
    }
  }

  private static boolean claimsQuantumSafe(List<Attribute> attributes) {
    for (Attribute a : attributes) {
      if (a.is(Tag.QUANTUM_SAFE) && a.value().type() == ItemType.BOOLEAN && a.value().asBoolean()) {
        return true;
      }
    }
    return false;
  }

  private static Ttlv first(List<Attribute> attributes, Tag tag) {
    for (Attribute a : attributes) {
      if (a.is(tag)) {
        return a.value();
      }
    }
    return null;
  }
}
