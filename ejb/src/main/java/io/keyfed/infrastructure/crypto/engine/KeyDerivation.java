package io.keyfed.infrastructure.crypto.engine;

import io.keyfed.kmip.message.Fields;
import io.keyfed.kmip.spec.BlockCipherMode;
import io.keyfed.kmip.spec.CryptographicAlgorithm;
import io.keyfed.kmip.spec.DerivationMethod;
import io.keyfed.kmip.spec.HashingAlgorithm;
import io.keyfed.kmip.spec.ObjectType;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.ttlv.Ttlv;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.crypto.DerivationFunction;
import org.bouncycastle.crypto.Mac;
import org.bouncycastle.crypto.agreement.ECDHBasicAgreement;
import org.bouncycastle.crypto.agreement.X25519Agreement;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.generators.KDFCounterBytesGenerator;
import org.bouncycastle.crypto.generators.KDFDoublePipelineIterationBytesGenerator;
import org.bouncycastle.crypto.generators.KDFFeedbackBytesGenerator;
import org.bouncycastle.crypto.generators.PKCS5S2ParametersGenerator;
import org.bouncycastle.crypto.macs.CMac;
import org.bouncycastle.crypto.params.HKDFParameters;
import org.bouncycastle.crypto.params.KDFCounterParameters;
import org.bouncycastle.crypto.params.KDFDoublePipelineIterationParameters;
import org.bouncycastle.crypto.params.KDFFeedbackParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.util.BigIntegers;

/**
 * Derive Key (KMIP 1.4 §4.6, 2.1 §6.1.15): the derived bytes; the handler makes them a Symmetric
 * Key or Secret Data (for example with {@link KeyFormats#symmetricKey}) and links the objects.
 *
 * <p>Inputs: the objects the request's Unique Identifiers name, in order. The first is the
 * derivation key (a Symmetric Key or Secret Data; for PBKDF2 the password; for Asymmetric Key the
 * Private Key). A further Secret Data object gives the Derivation Data instead of the field (both
 * at once: Invalid Field); for Asymmetric Key the second object is the peer's Public Key.
 *
 * <ul>
 *   <li>PBKDF2 (PKCS#5 v2.1): HMAC with the Hashing Algorithm of the Cryptographic Parameters,
 *       default SHA-1; Salt and Iteration Count required; any length.
 *   <li>HASH: the hash of the derivation key's bytes (with Derivation Data as well: Invalid
 *       Field, as PyKMIP does); at most the hash's length.
 *   <li>HMAC: HMAC over the Derivation Data, keyed by the derivation key, with the key's HMAC
 *       algorithm or else the Hashing Algorithm of the parameters; at most the MAC's length.
 *   <li>ENCRYPT: the Derivation Data encrypted under the key with the Cryptographic Parameters
 *       (Initialization Vector as the IV); at most the ciphertext's length.
 *   <li>NIST800-108-C, -F, -DPI (SP 800-108 counter, feedback with counter, double-pipeline with
 *       counter): PRF HMAC (key's HMAC algorithm or the parameters' Hashing Algorithm) or CMAC
 *       (Block Cipher Mode CMAC, or a block cipher key); a 32-bit big-endian counter right before
 *       the fixed input (after the feedback or pipeline value in F and DPI), which is the
 *       Derivation Data (Label || 0x00 || Context) as given: the specification leaves [L] to the
 *       client's Derivation Data. Feedback starts from the Initialization Vector. Any length.
 *   <li>HKDF (RFC 5869, KMIP 2.0+): the key as input keying material, Salt, Derivation Data as
 *       info; SHA-256 unless the parameters name a hash; up to 255 hash lengths.
 *   <li>Asymmetric Key (KMIP 1.4+): ECDH (SP 800-56A primitive, the x coordinate) or X25519
 *       between the Private Key and the peer's Public Key; the raw shared secret, at most its
 *       length. No KDF is applied: derive again (HKDF) from a Secret Data when one is wanted.
 *   <li>AWS Signature Version 4: the signing key from the secret key (the derivation key's bytes
 *       as the secret) and the Derivation Data fields Date, Region, Service; 256 bits.
 * </ul>
 *
 * <p>A requested length beyond what the method gives, or not a whole number of bytes, is Invalid
 * Field.
 */
public final class KeyDerivation {

  private final Encryption encryption;

  public KeyDerivation(Encryption encryption) {
    this.encryption = Objects.requireNonNull(encryption);
  }

  /**
   * @param objects the objects of the request's Unique Identifiers, in order (at least one)
   * @param derivationParameters the request's Derivation Parameters structure (may be null for
   *     methods that need none)
   * @param cryptographicLength the length asked for, in bits
   */
  public byte[] derive(DerivationMethod method, List<Ttlv> objects, Ttlv derivationParameters, int cryptographicLength) {
    if (objects == null || objects.isEmpty()) {
      throw Failures.invalidField("Derive Key needs the Unique Identifier of a derivation key");
    }
    if (cryptographicLength <= 0 || cryptographicLength % 8 != 0) {
      throw Failures.invalidField("the Cryptographic Length to derive must be a positive whole number of bytes, not "
          + cryptographicLength + " bits");
    }
    int n = cryptographicLength / 8;
    Ttlv dp = derivationParameters == null ? Ttlv.structure(Tag.DERIVATION_PARAMETERS) : Fields.structure(derivationParameters);
    CryptographicParameters p = CryptographicParameters.decode(dp.child(Tag.CRYPTOGRAPHIC_PARAMETERS));
    ManagedKey base = ManagedKey.of(objects.get(0));
    List<byte[]> dataFields = new ArrayList<>();
    for (Ttlv d : dp.children(Tag.DERIVATION_DATA)) {
      dataFields.add(Fields.bytes(d));
    }
    List<byte[]> dataObjects = new ArrayList<>();
    for (Ttlv o : objects.subList(1, objects.size())) {
      ManagedKey m = ManagedKey.of(o);
      if (m.objectType() == ObjectType.SECRET_DATA) {
        dataObjects.add(m.secretBytes());
      } else if (method != DerivationMethod.ASYMMETRIC_KEY) {
        throw Failures.invalidField("only Secret Data can follow the derivation key, not a " + m.objectType().specName());
      }
    }
    if (!dataFields.isEmpty() && !dataObjects.isEmpty()) {
      throw Failures.invalidField("Derivation Data given both as a field and as a Secret Data object");
    }
    List<byte[]> dataList = dataFields.isEmpty() ? dataObjects : dataFields;
    byte[] data = concat(dataList);
    byte[] iv = optionalBytes(dp, Tag.INITIALIZATION_VECTOR);

    byte[] out = switch (method) {
      case PBKDF2 -> pbkdf2(base, dp, p, n);
      case HASH -> {
        if (!dataList.isEmpty()) {
          throw Failures.invalidField("HASH derives from the key or from the Derivation Data, not both");
        }
        HashingAlgorithm h = required(p.hashingAlgorithm(), "HASH derivation needs a Hashing Algorithm");
        yield Hashing.digest(h, dataList.isEmpty() ? base.secretBytes() : data);
      }
      case HMAC -> {
        HashingAlgorithm h = Digests.ofHmac(base.algorithm()) != null ? Digests.ofHmac(base.algorithm()) : p.hashingAlgorithm();
        required(h, "HMAC derivation needs an HMAC key or a Hashing Algorithm");
        yield Macs.compute(Macs.hmac(h, base.secretBytes()), requiredData(dataList));
      }
      case ENCRYPT -> {
        Encryption.Encrypted e = encryption.encryptOnce(base, p, requiredData(dataList), iv);
        yield e.data();
      }
      case NIST800_108_C, NIST800_108_F, NIST800_108_DPI -> sp800108(method, base, p, requiredData(dataList), iv, n);
      case HKDF -> {
        HashingAlgorithm h = p.hashingAlgorithm() == null ? HashingAlgorithm.SHA_256 : p.hashingAlgorithm();
        if (n > 255 * Digests.size(h)) {
          throw tooLong(n, 255 * Digests.size(h));
        }
        HKDFBytesGenerator g = new HKDFBytesGenerator(Digests.create(h));
        g.init(new HKDFParameters(base.secretBytes(), optionalBytes(dp, Tag.SALT), data));
        yield generate(g, n);
      }
      case ASYMMETRIC_KEY -> agreement(base, objects);
      case AWS_SIGNATURE_VERSION_4 -> aws4(base, dataList);
    };
    if (n > out.length) {
      throw tooLong(n, out.length);
    }
    return n == out.length ? out : Arrays.copyOf(out, n);
  }

  private static byte[] pbkdf2(ManagedKey base, Ttlv dp, CryptographicParameters p, int n) {
    byte[] salt = optionalBytes(dp, Tag.SALT);
    Integer iterations = Fields.optionalInteger(dp, Tag.ITERATION_COUNT);
    if (salt == null || iterations == null) {
      throw Failures.invalidField("PBKDF2 needs a Salt and an Iteration Count");
    }
    if (iterations < 1 || iterations > 10_000_000) {
      throw Failures.invalidField("Iteration Count must be 1 to 10000000, not " + iterations);
    }
    HashingAlgorithm h = p.hashingAlgorithm() == null ? HashingAlgorithm.SHA_1 : p.hashingAlgorithm();
    PKCS5S2ParametersGenerator g = new PKCS5S2ParametersGenerator(Digests.create(h));
    g.init(base.secretBytes(), salt, iterations);
    return ((KeyParameter) g.generateDerivedParameters(n * 8)).getKey();
  }

  private static byte[] sp800108(DerivationMethod method, ManagedKey base, CryptographicParameters p, byte[] fixed,
      byte[] iv, int n) {
    byte[] ki = base.secretBytes();
    Mac prf;
    HashingAlgorithm h = Digests.ofHmac(base.algorithm()) != null ? Digests.ofHmac(base.algorithm()) : p.hashingAlgorithm();
    if (p.blockCipherMode() == BlockCipherMode.CMAC || h == null) {
      CryptographicAlgorithm alg = p.cryptographicAlgorithm() != null ? p.cryptographicAlgorithm() : base.algorithm();
      if (alg == null) {
        throw Failures.invalidField("SP 800-108 derivation needs an HMAC Hashing Algorithm or a CMAC block cipher");
      }
      prf = new CMac(Encryption.engine(alg, ki));
    } else {
      prf = Macs.hmac(h, ki);
    }
    DerivationFunction g;
    switch (method) {
      case NIST800_108_C -> {
        KDFCounterBytesGenerator c = new KDFCounterBytesGenerator(prf);
        c.init(new KDFCounterParameters(ki, null, fixed, 32));
        g = c;
      }
      case NIST800_108_F -> {
        KDFFeedbackBytesGenerator f = new KDFFeedbackBytesGenerator(prf);
        f.init(KDFFeedbackParameters.createWithCounter(ki,
            iv == null ? new byte[0] : iv, fixed, 32));
        g = f;
      }
      default -> {
        KDFDoublePipelineIterationBytesGenerator d = new KDFDoublePipelineIterationBytesGenerator(prf);
        d.init(KDFDoublePipelineIterationParameters.createWithCounter(ki, fixed, 32));
        g = d;
      }
    }
    return generate(g, n);
  }

  private static byte[] agreement(ManagedKey base, List<Ttlv> objects) {
    if (objects.size() != 2) {
      throw Failures.invalidField("Asymmetric Key derivation needs a Private Key and the peer's Public Key");
    }
    DecodedKey priv = base.decode();
    DecodedKey pub = ManagedKey.of(objects.get(1)).decode();
    if (priv instanceof DecodedKey.EcPublic && pub instanceof DecodedKey.EcPrivate) {
      DecodedKey t = priv;
      priv = pub;
      pub = t;
    }
    if (priv instanceof DecodedKey.EcPrivate ep && pub instanceof DecodedKey.EcPublic eq) {
      if (!ep.key().getParameters().equals(eq.key().getParameters())) {
        throw Failures.invalidField("the two EC keys are on different curves");
      }
      ECDHBasicAgreement a = new ECDHBasicAgreement();
      a.init(ep.key());
      try {
        return BigIntegers.asUnsignedByteArray(a.getFieldSize(), a.calculateAgreement(eq.key()));
      } catch (IllegalStateException e) {
        throw Failures.cryptographicFailure("ECDH failed: " + e.getMessage());
      }
    }
    if (priv instanceof DecodedKey.X25519Private xp && pub instanceof DecodedKey.X25519Public xq) {
      X25519Agreement a = new X25519Agreement();
      a.init(xp.key());
      byte[] s = new byte[a.getAgreementSize()];
      try {
        a.calculateAgreement(xq.key(), s, 0);
      } catch (IllegalStateException e) {
        throw Failures.cryptographicFailure("X25519 gave an all-zero secret (a low-order public key)");
      }
      return s;
    }
    throw Failures.invalidField("Asymmetric Key derivation needs an EC or X25519 Private Key and Public Key, not "
        + priv + " and " + pub);
  }

  private static byte[] aws4(ManagedKey base, List<byte[]> data) {
    if (data.size() != 3) {
      throw Failures.invalidField("AWS Signature Version 4 derivation needs three Derivation Data: Date, Region, Service");
    }
    byte[] k = concat(List.of("AWS4".getBytes(StandardCharsets.US_ASCII), base.secretBytes()));
    for (byte[] d : List.of(data.get(0), data.get(1), data.get(2), "aws4_request".getBytes(StandardCharsets.US_ASCII))) {
      k = Macs.compute(Macs.hmac(HashingAlgorithm.SHA_256, k), d);
    }
    return k;
  }

  private static byte[] generate(DerivationFunction g, int n) {
    byte[] out = new byte[n];
    g.generateBytes(out, 0, n);
    return out;
  }

  private static byte[] requiredData(List<byte[]> data) {
    if (data.isEmpty()) {
      throw Failures.invalidField("this Derivation Method needs Derivation Data (or a Secret Data object)");
    }
    return concat(data);
  }

  private static <T> T required(T v, String msg) {
    if (v == null) {
      throw Failures.invalidField(msg);
    }
    return v;
  }

  private static byte[] optionalBytes(Ttlv s, Tag tag) {
    Ttlv c = s.child(tag);
    return c == null ? null : Fields.bytes(c);
  }

  private static byte[] concat(List<byte[]> parts) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    parts.forEach(b::writeBytes);
    return b.toByteArray();
  }

  private static io.keyfed.kmip.message.KmipException tooLong(int wanted, int max) {
    return Failures.invalidField("this derivation gives at most " + max * 8 + " bits, not " + wanted * 8);
  }
}
