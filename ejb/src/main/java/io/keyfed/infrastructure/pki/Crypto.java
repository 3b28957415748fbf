package io.keyfed.infrastructure.pki;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.RSAKey;
import java.security.spec.RSAKeyGenParameterSpec;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * The one Bouncy Castle provider instance of this package, and the key algorithms it uses.
 *
 * <p>The provider is passed to Bouncy Castle's builders and never registered with {@code
 * Security.addProvider}: a registered provider belongs to the class loader of the first deployment
 * and would outlive a redeployment (see PLATFORM.md, "Gotchas").
 */
final class Crypto {

  static final Provider BC = new BouncyCastleProvider();

  static final SecureRandom RANDOM = new SecureRandom();

  /** KMIP's TLS profiles use RSA suites, and 3072 bits is NIST's floor after 2030 (SP 800-57). */
  static final int RSA_BITS = 3072;

  private Crypto() {}

  /** An RSA key pair from the JDK's generator: the JDK's own key classes suit SunJSSE best. */
  static KeyPair newRsaKeyPair() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(new RSAKeyGenParameterSpec(RSA_BITS, RSAKeyGenParameterSpec.F4), RANDOM);
    return generator.generateKeyPair();
  }

  /**
   * A random positive 128-bit serial number (RFC 5280 §4.1.2.2 allows up to 20 octets; the
   * CA/Browser Forum asks for at least 64 random bits so that serials cannot be predicted).
   */
  static BigInteger newSerial() {
    BigInteger serial;
    do {
      serial = new BigInteger(128, RANDOM);
    } while (serial.signum() == 0);
    return serial;
  }

  /** SHA-256 signatures for RSA and EC keys; EdDSA keys name their own hash. */
  static String signatureAlgorithm(PrivateKey key) throws GeneralSecurityException {
    switch (key.getAlgorithm()) {
      case "RSA":
        return "SHA256withRSA";
      case "EC":
      case "ECDSA":
        return "SHA256withECDSA";
      case "Ed25519":
      case "Ed448":
        return key.getAlgorithm();
      case "EdDSA":
        return "Ed25519";
      default:
        throw new GeneralSecurityException("unsupported key algorithm " + key.getAlgorithm());
    }
  }

  /**
   * Whether a private key belongs to a public key. Catches a certificate and key file that were
   * swapped or come from different requests at start-up rather than at the first handshake.
   */
  static boolean matches(PrivateKey privateKey, PublicKey publicKey) {
    try {
      if (privateKey instanceof RSAKey rsaPrivate && publicKey instanceof RSAKey rsaPublic) {
        return rsaPrivate.getModulus().equals(rsaPublic.getModulus());
      }
      String algorithm = signatureAlgorithm(privateKey);
      byte[] probe = "keyfed key pair probe".getBytes(StandardCharsets.US_ASCII);
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(privateKey);
      signer.update(probe);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(publicKey);
      verifier.update(probe);
      return verifier.verify(signature);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }
}
