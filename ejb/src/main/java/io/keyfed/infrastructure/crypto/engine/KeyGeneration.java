package io.keyfed.infrastructure.crypto.engine;

import io.keyfed.kmip.spec.CryptographicAlgorithm;
import io.keyfed.kmip.spec.KeyFormatType;
import io.keyfed.kmip.spec.ObjectType;
import io.keyfed.kmip.spec.RecommendedCurve;
import io.keyfed.kmip.spec.SecretDataType;
import io.keyfed.kmip.ttlv.Ttlv;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Objects;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.generators.ECKeyPairGenerator;
import org.bouncycastle.crypto.generators.Ed25519KeyPairGenerator;
import org.bouncycastle.crypto.generators.RSAKeyPairGenerator;
import org.bouncycastle.crypto.generators.X25519KeyPairGenerator;
import org.bouncycastle.crypto.params.DESedeParameters;
import org.bouncycastle.crypto.params.ECKeyGenerationParameters;
import org.bouncycastle.crypto.params.Ed25519KeyGenerationParameters;
import org.bouncycastle.crypto.params.RSAKeyGenerationParameters;
import org.bouncycastle.crypto.params.X25519KeyGenerationParameters;

/**
 * Key generation for Create, Create Key Pair, Re-key and Re-key Key Pair (KMIP 1.4 §4.1, §4.2,
 * §4.4, §4.5). The results are complete objects (Symmetric Key, Secret Data, Private Key, Public
 * Key) whose Key Block carries the Cryptographic Algorithm and Length; the handler adds the
 * attributes and stores them.
 *
 * <ul>
 *   <li>AES: 128, 192, 256 bits. 3DES: 112 or 128 (two keys), 168 or 192 (three keys), with
 *       odd parity; 16 or 24 bytes. ChaCha20, ChaCha20Poly1305: 256 bits.
 *   <li>HMAC-SHA1 … HMAC-SHA3-512, HMAC-MD5: any whole number of bytes from 8 to 8192 bits.
 *   <li>RSA: 1024 to 8192 bits in steps of 8 (2048, 3072, 4096 as usual), public exponent 65537.
 *       Private key PKCS#1, public key PKCS#1.
 *   <li>EC / ECDSA / ECDH / ECMQV on any Weierstrass Recommended Curve (P-256, P-384, P-521,
 *       SECP256K1, brainpool, …): private key ECPrivateKey, public key X.509.
 *   <li>Ed25519: private key PKCS#8, public key X.509.
 *   <li>X25519: Cryptographic Algorithm EC or ECDH with Recommended Curve CURVE25519 (KMIP has no
 *       X25519 algorithm); Cryptographic Algorithm ECDH, PKCS#8 and X.509.
 * </ul>
 *
 * <p>Other algorithms and lengths are Feature Not Supported or Invalid Field. Any format can be
 * obtained with {@link KeyFormats#convert}.
 */
public final class KeyGeneration {

  private static final BigInteger F4 = BigInteger.valueOf(65537);

  /** A pair made by Create Key Pair: the two objects, ready to store. */
  public record KeyPair(Ttlv privateKey, Ttlv publicKey) {}

  private final SecureRandom random;

  public KeyGeneration(SecureRandom random) {
    this.random = Objects.requireNonNull(random);
  }

  /** A new Symmetric Key object, Raw Key Format Type. */
  public Ttlv symmetricKey(CryptographicAlgorithm algorithm, int cryptographicLength) {
    if (algorithm == null) {
      throw Failures.invalidField("Create of a Symmetric Key needs a Cryptographic Algorithm");
    }
    byte[] key = symmetricKeyBytes(algorithm, cryptographicLength);
    return KeyFormats.symmetricKey(algorithm, cryptographicLength, key);
  }

  /** A new Secret Data object of random bytes (KMIP 2.x Create of Secret Data), Opaque Key Format Type. */
  public Ttlv secretData(SecretDataType type, int lengthBits) {
    if (lengthBits <= 0 || lengthBits % 8 != 0 || lengthBits > 65536) {
      throw Failures.invalidField("Secret Data length must be a positive number of bytes up to 8192, not "
          + lengthBits + " bits");
    }
    return KeyFormats.secretData(type == null ? SecretDataType.SEED : type, bytes(lengthBits / 8));
  }

  byte[] symmetricKeyBytes(CryptographicAlgorithm algorithm, int bits) {
    switch (algorithm) {
      case AES -> {
        if (bits != 128 && bits != 192 && bits != 256) {
          throw Failures.invalidField("AES keys are 128, 192 or 256 bits, not " + bits);
        }
        return bytes(bits / 8);
      }
      case DES3 -> {
        int n = switch (bits) {
          case 112, 128 -> 16;
          case 168, 192 -> 24;
          default -> throw Failures.invalidField("3DES keys are 112/128 (two-key) or 168/192 (three-key) bits, not " + bits);
        };
        byte[] k;
        do {
          k = bytes(n);
          DESedeParameters.setOddParity(k);
        } while (DESedeParameters.isWeakKey(k, 0, n) || !DESedeParameters.isRealEDEKey(k, 0));
        return k;
      }
      case CHACHA20, CHACHA20POLY1305 -> {
        if (bits != 256) {
          throw Failures.invalidField(algorithm.specName() + " keys are 256 bits, not " + bits);
        }
        return bytes(32);
      }
      default -> {
        if (Digests.ofHmac(algorithm) != null) {
          if (bits < 8 || bits % 8 != 0 || bits > 8192) {
            throw Failures.invalidField("HMAC keys are a whole number of bytes from 8 to 8192 bits, not " + bits);
          }
          return bytes(bits / 8);
        }
        throw Failures.featureNotSupported("creating " + algorithm.specName() + " symmetric keys is not supported");
      }
    }
  }

  /**
   * A new key pair.
   *
   * @param cryptographicLength RSA modulus bits; for EC, optional (checked against the curve)
   * @param curve the Recommended Curve for EC/ECDSA/ECDH/ECMQV (P-256 when null and the length is
   *     256, P-384 for 384, P-521 for 521); ignored for RSA and Ed25519
   */
  public KeyPair keyPair(CryptographicAlgorithm algorithm, Integer cryptographicLength, RecommendedCurve curve) {
    if (algorithm == null) {
      throw Failures.invalidField("Create Key Pair needs a Cryptographic Algorithm");
    }
    switch (algorithm) {
      case RSA -> {
        if (cryptographicLength == null) {
          throw Failures.invalidField("RSA key pairs need a Cryptographic Length");
        }
        int bits = cryptographicLength;
        if (bits < 1024 || bits > 8192 || bits % 8 != 0) {
          throw Failures.invalidField("RSA keys are 1024 to 8192 bits, not " + bits);
        }
        RSAKeyPairGenerator g = new RSAKeyPairGenerator();
        g.init(new RSAKeyGenerationParameters(F4, random, bits, 144));
        return pair(g.generateKeyPair(), algorithm, KeyFormatType.PKCS_1, KeyFormatType.PKCS_1);
      }
      case EC, ECDSA, ECDH, ECMQV -> {
        RecommendedCurve c = curve != null ? curve : curveForLength(cryptographicLength);
        if (c == RecommendedCurve.CURVE25519 && algorithm != CryptographicAlgorithm.ECDSA) {
          X25519KeyPairGenerator g = new X25519KeyPairGenerator();
          g.init(new X25519KeyGenerationParameters(random));
          return pair(g.generateKeyPair(), CryptographicAlgorithm.ECDH, KeyFormatType.PKCS_8, KeyFormatType.X_509);
        }
        if (!Curves.isWeierstrass(c)) {
          throw Failures.featureNotSupported(algorithm.specName() + " keys on " + c.specName() + " are not supported");
        }
        int field = Curves.domain(c).getCurve().getFieldSize();
        if (cryptographicLength != null && cryptographicLength != field) {
          throw Failures.invalidField("Cryptographic Length " + cryptographicLength + " does not match "
              + c.specName() + " (" + field + " bits)");
        }
        ECKeyPairGenerator g = new ECKeyPairGenerator();
        g.init(new ECKeyGenerationParameters(Curves.domain(c), random));
        return pair(g.generateKeyPair(), algorithm, KeyFormatType.ECPRIVATEKEY, KeyFormatType.X_509);
      }
      case ED25519 -> {
        if (cryptographicLength != null && cryptographicLength != 256) {
          throw Failures.invalidField("Ed25519 keys are 256 bits, not " + cryptographicLength);
        }
        Ed25519KeyPairGenerator g = new Ed25519KeyPairGenerator();
        g.init(new Ed25519KeyGenerationParameters(random));
        return pair(g.generateKeyPair(), algorithm, KeyFormatType.PKCS_8, KeyFormatType.X_509);
      }
      default -> throw Failures.featureNotSupported("creating " + algorithm.specName() + " key pairs is not supported");
    }
  }

  private static RecommendedCurve curveForLength(Integer bits) {
    if (bits == null) {
      throw Failures.invalidField("EC key pairs need a Recommended Curve (or a Cryptographic Length of 256, 384 or 521)");
    }
    return switch (bits) {
      case 224 -> RecommendedCurve.P_224;
      case 256 -> RecommendedCurve.P_256;
      case 384 -> RecommendedCurve.P_384;
      case 521 -> RecommendedCurve.P_521;
      default -> throw Failures.invalidField("no Recommended Curve given and none of " + bits + " bits is known");
    };
  }

  private static KeyPair pair(AsymmetricCipherKeyPair kp, CryptographicAlgorithm alg, KeyFormatType privateFormat,
      KeyFormatType publicFormat) {
    DecodedKey priv = DecodedKey.of(kp.getPrivate());
    DecodedKey pub = DecodedKey.of(kp.getPublic());
    return new KeyPair(KeyFormats.object(ObjectType.PRIVATE_KEY, priv, privateFormat, alg),
        KeyFormats.object(ObjectType.PUBLIC_KEY, pub, publicFormat, alg));
  }

  private byte[] bytes(int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return b;
  }
}
