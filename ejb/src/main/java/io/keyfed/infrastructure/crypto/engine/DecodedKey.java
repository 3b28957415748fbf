package io.keyfed.infrastructure.crypto.engine;

import io.keyfed.kmip.spec.RecommendedCurve;
import java.math.BigInteger;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.DSAParameters;
import org.bouncycastle.crypto.params.DSAPrivateKeyParameters;
import org.bouncycastle.crypto.params.DSAPublicKeyParameters;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.params.RSAKeyParameters;
import org.bouncycastle.crypto.params.RSAPrivateCrtKeyParameters;
import org.bouncycastle.crypto.params.X25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.X25519PublicKeyParameters;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;

/** The key material of a plaintext Key Block, decoded from whatever Key Format Type it came in. */
sealed interface DecodedKey {

  /** Symmetric keys, Secret Data, split key shares: the bytes. */
  record Secret(byte[] bytes) implements DecodedKey {
    public Secret {
      bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
      return bytes.clone();
    }

    @Override
    public String toString() {
      return "Secret[" + bytes.length + " bytes]";
    }
  }

  /** An RSA private key: CRT form when the primes are known, else modulus and private exponent only. */
  record RsaPrivate(RSAKeyParameters key) implements DecodedKey {
    public RsaPrivate {
      if (!key.isPrivate()) {
        throw new IllegalArgumentException("not a private key");
      }
    }

    RSAPrivateCrtKeyParameters crt() {
      if (key instanceof RSAPrivateCrtKeyParameters c) {
        return c;
      }
      throw Failures.keyFormatTypeNotSupported("this RSA private key has no primes (P, Q) and no Public Exponent;"
          + " only Transparent RSA Private Key can hold it");
    }

    /** The public key, when the public exponent is known. */
    RsaPublic publicKey() {
      return new RsaPublic(new RSAKeyParameters(false, key.getModulus(), crt().getPublicExponent()));
    }

    @Override
    public String toString() {
      return "RsaPrivate[" + key.getModulus().bitLength() + " bits]";
    }
  }

  record RsaPublic(RSAKeyParameters key) implements DecodedKey {
    @Override
    public String toString() {
      return "RsaPublic[" + key.getModulus().bitLength() + " bits]";
    }
  }

  /** An EC private key on a named curve (or explicit domain parameters when read from such an encoding). */
  record EcPrivate(ECPrivateKeyParameters key) implements DecodedKey {
    ECPoint q() {
      ECDomainParameters d = key.getParameters();
      return new FixedPointCombMultiplier().multiply(d.getG(), key.getD()).normalize();
    }

    EcPublic publicKey() {
      return new EcPublic(new ECPublicKeyParameters(q(), key.getParameters()));
    }

    RecommendedCurve curve() {
      return Curves.of(key.getParameters());
    }

    @Override
    public String toString() {
      return "EcPrivate[" + curve() + "]";
    }
  }

  record EcPublic(ECPublicKeyParameters key) implements DecodedKey {
    RecommendedCurve curve() {
      return Curves.of(key.getParameters());
    }

    @Override
    public String toString() {
      return "EcPublic[" + curve() + "]";
    }
  }

  /** A DSA private key (FIPS 186-4): the domain parameters P, Q, G and the private value X. */
  record DsaPrivate(DSAPrivateKeyParameters key) implements DecodedKey {
    /** The public key: Y = G^X mod P. */
    DsaPublic publicKey() {
      DSAParameters d = key.getParameters();
      return new DsaPublic(new DSAPublicKeyParameters(d.getG().modPow(key.getX(), d.getP()), d));
    }

    @Override
    public String toString() {
      return "DsaPrivate[" + key.getParameters().getP().bitLength() + " bits]";
    }
  }

  /** A DSA public key: the domain parameters P, Q, G and the public value Y. */
  record DsaPublic(DSAPublicKeyParameters key) implements DecodedKey {
    @Override
    public String toString() {
      return "DsaPublic[" + key.getParameters().getP().bitLength() + " bits]";
    }
  }

  record Ed25519Private(Ed25519PrivateKeyParameters key) implements DecodedKey {
    @Override
    public String toString() {
      return "Ed25519Private";
    }
  }

  record Ed25519Public(Ed25519PublicKeyParameters key) implements DecodedKey {
    @Override
    public String toString() {
      return "Ed25519Public";
    }
  }

  record X25519Private(X25519PrivateKeyParameters key) implements DecodedKey {
    @Override
    public String toString() {
      return "X25519Private";
    }
  }

  record X25519Public(X25519PublicKeyParameters key) implements DecodedKey {
    @Override
    public String toString() {
      return "X25519Public";
    }
  }

  /** Wraps Bouncy Castle's asymmetric key parameters. */
  static DecodedKey of(AsymmetricKeyParameter p) {
    if (p instanceof RSAKeyParameters r) {
      return r.isPrivate() ? new RsaPrivate(r) : new RsaPublic(r);
    }
    if (p instanceof ECPrivateKeyParameters e) {
      return new EcPrivate(new ECPrivateKeyParameters(e.getD(), Curves.named(e.getParameters())));
    }
    if (p instanceof ECPublicKeyParameters e) {
      return new EcPublic(new ECPublicKeyParameters(e.getQ(), Curves.named(e.getParameters())));
    }
    if (p instanceof DSAPrivateKeyParameters d && d.getParameters() != null) {
      return new DsaPrivate(d);
    }
    if (p instanceof DSAPublicKeyParameters d && d.getParameters() != null) {
      return new DsaPublic(d);
    }
    if (p instanceof Ed25519PrivateKeyParameters e) {
      return new Ed25519Private(e);
    }
    if (p instanceof Ed25519PublicKeyParameters e) {
      return new Ed25519Public(e);
    }
    if (p instanceof X25519PrivateKeyParameters x) {
      return new X25519Private(x);
    }
    if (p instanceof X25519PublicKeyParameters x) {
      return new X25519Public(x);
    }
    throw Failures.featureNotSupported("keys of type " + p.getClass().getSimpleName() + " are not supported");
  }

  /** Key length in bits, as the Cryptographic Length attribute gives it. */
  default int bits() {
    if (this instanceof Secret s) {
      return s.bytes.length * 8;
    }
    if (this instanceof RsaPrivate r) {
      return r.key().getModulus().bitLength();
    }
    if (this instanceof RsaPublic r) {
      return r.key().getModulus().bitLength();
    }
    if (this instanceof EcPrivate e) {
      return e.key().getParameters().getCurve().getFieldSize();
    }
    if (this instanceof EcPublic e) {
      return e.key().getParameters().getCurve().getFieldSize();
    }
    if (this instanceof DsaPrivate d) {
      return d.key().getParameters().getP().bitLength();
    }
    if (this instanceof DsaPublic d) {
      return d.key().getParameters().getP().bitLength();
    }
    return 256;
  }

  /** Recovers the primes of an RSA modulus from both exponents (NIST SP 800-56B Rev. 2, Appendix C). */
  static RSAPrivateCrtKeyParameters recoverPrimes(BigInteger n, BigInteger e, BigInteger d) {
    BigInteger k = d.multiply(e).subtract(BigInteger.ONE);
    if (k.signum() <= 0 || k.testBit(0)) {
      return null;
    }
    int t = k.getLowestSetBit();
    BigInteger r = k.shiftRight(t);
    BigInteger nMinus1 = n.subtract(BigInteger.ONE);
    for (int g = 2; g < 200; g++) {
      BigInteger y = BigInteger.valueOf(g).modPow(r, n);
      if (y.equals(BigInteger.ONE) || y.equals(nMinus1)) {
        continue;
      }
      for (int j = 1; j <= t; j++) {
        BigInteger x = y.modPow(BigInteger.TWO, n);
        if (x.equals(BigInteger.ONE)) {
          BigInteger p = y.subtract(BigInteger.ONE).gcd(n);
          return crt(n, e, d, p, n.divide(p));
        }
        if (x.equals(nMinus1)) {
          break;
        }
        y = x;
      }
    }
    return null;
  }

  /** The CRT form from the modulus, the exponents and the primes (P the larger, as PKCS#1 keys usually have it). */
  static RSAPrivateCrtKeyParameters crt(BigInteger n, BigInteger e, BigInteger d, BigInteger p, BigInteger q) {
    if (p.compareTo(q) < 0) {
      BigInteger t = p;
      p = q;
      q = t;
    }
    if (d == null) {
      BigInteger lambda = p.subtract(BigInteger.ONE).multiply(q.subtract(BigInteger.ONE))
          .divide(p.subtract(BigInteger.ONE).gcd(q.subtract(BigInteger.ONE)));
      d = e.modInverse(lambda);
    }
    return new RSAPrivateCrtKeyParameters(n, e, d, p, q,
        d.mod(p.subtract(BigInteger.ONE)), d.mod(q.subtract(BigInteger.ONE)), q.modInverse(p));
  }
}
