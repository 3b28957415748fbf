package io.keyfed.infrastructure.crypto.engine;

import io.keyfed.kmip.spec.CryptographicAlgorithm;
import io.keyfed.kmip.spec.DigitalSignatureAlgorithm;
import io.keyfed.kmip.spec.HashingAlgorithm;
import io.keyfed.kmip.spec.MaskGenerator;
import io.keyfed.kmip.spec.PaddingMethod;
import io.keyfed.kmip.spec.ValidityIndicator;
import io.keyfed.kmip.ttlv.Ttlv;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Objects;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.DigestInfo;
import org.bouncycastle.crypto.CryptoException;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.Signer;
import org.bouncycastle.crypto.digests.NullDigest;
import org.bouncycastle.crypto.encodings.PKCS1Encoding;
import org.bouncycastle.crypto.engines.RSABlindedEngine;
import org.bouncycastle.crypto.generators.MGF1BytesGenerator;
import org.bouncycastle.crypto.params.MGFParameters;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.params.RSAKeyParameters;
import org.bouncycastle.crypto.signers.DSADigestSigner;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.crypto.signers.PSSSigner;
import org.bouncycastle.crypto.signers.StandardDSAEncoding;
import org.bouncycastle.util.Arrays;
import org.bouncycastle.util.BigIntegers;

/**
 * Sign and Signature Verify (KMIP 1.4 §4.31, §4.32; 2.1 §6.1.51, §6.1.52), one-shot or streamed.
 *
 * <p>Schemes: RSA PKCS#1 v1.5 and RSASSA-PSS, ECDSA (any Weierstrass Recommended Curve; signatures
 * DER-encoded as X9.62 Ecdsa-Sig-Value; deterministic nonces per RFC 6979), Ed25519 (RFC 8032,
 * pure). Hashes: SHA-1, SHA-224/256/384/512, SHA-512/224, SHA-512/256, SHA3-224/256/384/512 (and
 * MD5/RIPEMD-160 with RSA PKCS#1 v1.5 where a client insists).
 *
 * <p>The scheme comes from the Digital Signature Algorithm when given ("SHA-256 with RSA
 * Encryption", "RSASSA-PSS", "ECDSA with SHA256", ...), else from the Cryptographic Algorithm
 * (default: the key's) with the Hashing Algorithm and, for RSA, the Padding Method (PKCS1 v1.5
 * unless PSS). PSS: MGF1 with the Mask Generator Hashing Algorithm (default: the content hash),
 * Salt Length (default when signing: the hash length; when verifying, any salt length is
 * accepted unless one is given), Trailer Field 0xBC only.
 *
 * <p>Digested Data (pre-hashed input, 1.4+): RSA PKCS#1 v1.5 wraps it in a DigestInfo for the
 * Hashing Algorithm, or signs it as it is when there is none (as OASIS TC-RSA-SIGN-DIGESTEDDATA-1
 * does); PSS takes it as mHash; ECDSA signs it as the hash. Ed25519 has no pre-hashed form in
 * KMIP: Invalid Field.
 *
 * <p>Signature Verify answers a signature that does not verify — including one checked with
 * parameters that do not fit the key, as OASIS TC-ECDSA-SIGN-DIGESTEDDATA-1 expects — with
 * Validity Indicator Invalid, not an error. Streaming: Data in every part, the Signature Data in
 * any part (usually the first); the result comes with the Final Indicator.
 *
 * <p>Not supported: DSA, message recovery, Ed448, Ed25519ph/ctx, Trailer Fields other than 0xBC.
 */
public final class Signatures {

  /** Sign's response fields. */
  public record Signed(byte[] signatureData, byte[] correlationValue) {}

  /** Signature Verify's response fields. */
  public record Verified(ValidityIndicator validityIndicator, byte[] correlationValue) {}

  private static final String SIGN = "Sign";
  private static final String VERIFY = "SignatureVerify";

  private final SecureRandom random;
  private final StreamRegistry streams;

  public Signatures(SecureRandom random, StreamRegistry streams) {
    this.random = Objects.requireNonNull(random);
    this.streams = Objects.requireNonNull(streams);
  }

  /**
   * Sign.
   *
   * @param privateKey the Private Key object
   * @param data the Data, or null when {@code digestedData} is given
   * @param digestedData the Digested Data, or null
   */
  public Signed sign(String uniqueIdentifier, Ttlv privateKey, CryptographicParameters parameters, byte[] data,
      byte[] digestedData, Streaming streaming) {
    Streaming step = streaming == null ? Streaming.ONE_SHOT : streaming;
    State s = Streams.begin(streams, step, SIGN, uniqueIdentifier, State.class, () -> {
      DecodedKey key = ManagedKey.of(privateKey).decode();
      Scheme scheme;
      try {
        scheme = Scheme.resolve(key, parameters, true);
      } catch (SchemeMismatch e) {
        throw Failures.invalidField(e.getMessage());
      }
      return scheme.open(key, true, digestedData != null, random, streams.maxBufferedBytes());
    });
    feed(s, step, data, digestedData);
    if (!step.ends()) {
      return new Signed(null, Streams.end(streams, step, SIGN, uniqueIdentifier, s));
    }
    return new Signed(s.sign(), null);
  }

  /**
   * Signature Verify.
   *
   * @param key the Public Key object (a Private Key object is accepted and its public half used)
   * @param signatureData the Signature Data (in any part of a stream)
   */
  public Verified verify(String uniqueIdentifier, Ttlv key, CryptographicParameters parameters, byte[] data,
      byte[] digestedData, byte[] signatureData, Streaming streaming) {
    Streaming step = streaming == null ? Streaming.ONE_SHOT : streaming;
    State s = Streams.begin(streams, step, VERIFY, uniqueIdentifier, State.class, () -> {
      DecodedKey k = publicHalf(ManagedKey.of(key).decode());
      Scheme scheme;
      try {
        scheme = Scheme.resolve(k, parameters, false);
      } catch (SchemeMismatch e) {
        return new Mismatch();
      }
      return scheme.open(k, false, digestedData != null, random, streams.maxBufferedBytes());
    });
    if (signatureData != null) {
      s.signature = signatureData.clone();
    }
    feed(s, step, data, digestedData);
    if (!step.ends()) {
      return new Verified(null, Streams.end(streams, step, VERIFY, uniqueIdentifier, s));
    }
    if (s.signature == null) {
      throw Failures.invalidField("Signature Verify needs the Signature Data");
    }
    return new Verified(s.verify(s.signature) ? ValidityIndicator.VALID : ValidityIndicator.INVALID, null);
  }

  private static void feed(State s, Streaming step, byte[] data, byte[] digestedData) {
    if (data != null && digestedData != null) {
      throw Failures.invalidField("give either Data or Digested Data, not both");
    }
    if (digestedData != null) {
      if (step.continues() || step.opens()) {
        throw Failures.invalidField("Digested Data cannot be streamed");
      }
      s.update(digestedData);
    } else if (data != null) {
      if (s.digested) {
        throw Failures.invalidField("this stream signs Digested Data");
      }
      s.update(data);
    } else if (!step.continues() && !step.opens()) {
      throw Failures.invalidField("Data or Digested Data is required");
    }
  }

  static DecodedKey publicHalf(DecodedKey k) {
    if (k instanceof DecodedKey.RsaPrivate r) {
      return r.publicKey();
    }
    if (k instanceof DecodedKey.EcPrivate e) {
      return e.publicKey();
    }
    if (k instanceof DecodedKey.Ed25519Private e) {
      return new DecodedKey.Ed25519Public(e.key().generatePublicKey());
    }
    return k;
  }

  // ---- schemes ------------------------------------------------------------------------------

  private enum Kind { RSA_PKCS1, RSA_PSS, ECDSA, ED25519 }

  /** Parameters that name a scheme another kind of key uses: an error for Sign, Invalid for Verify. */
  private static final class SchemeMismatch extends RuntimeException {
    SchemeMismatch(String msg) {
      super(msg, null, false, false);
    }
  }

  private record Scheme(Kind kind, HashingAlgorithm hash, HashingAlgorithm mgfHash, Integer saltLength) {

    static Scheme resolve(DecodedKey key, CryptographicParameters params, boolean signing) {
      CryptographicParameters p = params == null ? CryptographicParameters.NONE : params;
      Kind keyKind = keyKind(key);
      Kind kind;
      HashingAlgorithm hash = p.hashingAlgorithm();
      DigitalSignatureAlgorithm dsa = p.digitalSignatureAlgorithm();
      if (dsa != null) {
        kind = switch (dsa) {
          case RSASSA_PSS -> Kind.RSA_PSS;
          case ECDSA_WITH_SHA_1, ECDSA_WITH_SHA224, ECDSA_WITH_SHA256, ECDSA_WITH_SHA384, ECDSA_WITH_SHA512 -> Kind.ECDSA;
          case DSA_WITH_SHA_1, DSA_WITH_SHA224, DSA_WITH_SHA256 -> throw Failures.featureNotSupported("DSA is not supported");
          default -> Kind.RSA_PKCS1;
        };
        HashingAlgorithm implied = hashOf(dsa);
        if (implied != null) {
          if (hash != null && hash != implied) {
            throw Failures.invalidField("Hashing Algorithm " + hash.specName() + " contradicts " + dsa.specName());
          }
          hash = implied;
        } else if (hash == null) {
          hash = HashingAlgorithm.SHA_256;
        }
      } else {
        CryptographicAlgorithm a = p.cryptographicAlgorithm();
        if (a == null) {
          kind = keyKind;
        } else {
          kind = switch (a) {
            case RSA -> Kind.RSA_PKCS1;
            case ECDSA, EC -> Kind.ECDSA;
            case ED25519 -> Kind.ED25519;
            case DSA -> throw Failures.featureNotSupported("DSA is not supported");
            default -> throw new SchemeMismatch("Cryptographic Algorithm " + a.specName() + " does not sign");
          };
        }
        if (kind == Kind.RSA_PKCS1 && p.paddingMethod() != null) {
          kind = switch (p.paddingMethod()) {
            case PKCS1_V1_5 -> Kind.RSA_PKCS1;
            case PSS -> Kind.RSA_PSS;
            default -> throw Failures.featureNotSupported("Padding Method " + p.paddingMethod().specName()
                + " is not supported for signatures");
          };
        }
        if (kind == Kind.RSA_PSS && hash == null) {
          hash = HashingAlgorithm.SHA_256;
        }
      }
      if (family(kind) != family(keyKind)) {
        String msg = "the parameters name a " + kind + " signature, the key is " + key;
        if (signing) {
          throw Failures.invalidField(msg);
        }
        throw new SchemeMismatch(msg);
      }
      if (kind == Kind.ED25519 && hash != null && hash != HashingAlgorithm.SHA_512) {
        throw Failures.invalidField("Ed25519 hashes with SHA-512 only");
      }
      if (p.maskGenerator() != null && p.maskGenerator() != MaskGenerator.MGF1) {
        throw Failures.featureNotSupported("Mask Generator " + p.maskGenerator().specName() + " is not supported");
      }
      if (p.trailerField() != null && p.trailerField() != 1) {
        throw Failures.featureNotSupported("only the 0xBC PSS Trailer Field (1) is supported");
      }
      HashingAlgorithm mgf = p.maskGeneratorHashingAlgorithm() != null ? p.maskGeneratorHashingAlgorithm() : hash;
      return new Scheme(kind, kind == Kind.ED25519 ? null : hash, mgf, p.saltLength());
    }

    private static Kind family(Kind k) {
      return k == Kind.RSA_PSS ? Kind.RSA_PKCS1 : k;
    }

    private static Kind keyKind(DecodedKey k) {
      if (k instanceof DecodedKey.RsaPrivate || k instanceof DecodedKey.RsaPublic) {
        return Kind.RSA_PKCS1;
      }
      if (k instanceof DecodedKey.EcPrivate || k instanceof DecodedKey.EcPublic) {
        return Kind.ECDSA;
      }
      if (k instanceof DecodedKey.Ed25519Private || k instanceof DecodedKey.Ed25519Public) {
        return Kind.ED25519;
      }
      throw Failures.invalidField("a " + k + " key does not sign");
    }

    State open(DecodedKey key, boolean signing, boolean digested, SecureRandom random, int limit) {
      switch (kind) {
        case RSA_PKCS1 -> {
          return new RsaPkcs1(rsa(key, signing), hash, digested, random);
        }
        case RSA_PSS -> {
          RSAKeyParameters k = rsa(key, signing);
          int hLen = Digests.size(hash);
          if (signing) {
            int salt = saltLength != null ? saltLength : hLen;
            Digest content = Digests.create(hash);
            PSSSigner s = digested
                ? PSSSigner.createRawSigner(new RSABlindedEngine(), content, Digests.create(mgfHash), salt, PSSSigner.TRAILER_IMPLICIT)
                : new PSSSigner(new RSABlindedEngine(), content, Digests.create(mgfHash), salt);
            s.init(true, new ParametersWithRandom(k, random));
            return new BcSigner(s, digested, digested ? hLen : -1, limit);
          }
          return new PssVerifier(k, hash, mgfHash, saltLength, digested);
        }
        case ECDSA -> {
          if (hash == null && !digested) {
            throw Failures.invalidField("ECDSA over Data needs a Hashing Algorithm");
          }
          Digest content = digested ? new NullDigest() : Digests.create(hash);
          Digest kDigest = Digests.create(hash == null ? HashingAlgorithm.SHA_256 : hash);
          DSADigestSigner s = new DSADigestSigner(new ECDSASigner(new HMacDSAKCalculator(kDigest)), content,
              StandardDSAEncoding.INSTANCE);
          s.init(signing, signing ? ((DecodedKey.EcPrivate) key).key() : ((DecodedKey.EcPublic) key).key());
          return new BcSigner(s, digested, digested && hash != null ? Digests.size(hash) : -1, limit);
        }
        case ED25519 -> {
          if (digested) {
            throw Failures.invalidField("Ed25519 signs the Data itself; Digested Data is not accepted");
          }
          Ed25519Signer s = new Ed25519Signer();
          s.init(signing, signing ? ((DecodedKey.Ed25519Private) key).key() : ((DecodedKey.Ed25519Public) key).key());
          return new BcSigner(s, false, -1, limit);
        }
        default -> throw new IllegalStateException();
      }
    }

    private static RSAKeyParameters rsa(DecodedKey key, boolean signing) {
      if (signing) {
        if (!(key instanceof DecodedKey.RsaPrivate p)) {
          throw Failures.invalidField("Sign needs a Private Key");
        }
        return p.key();
      }
      return ((DecodedKey.RsaPublic) key).key();
    }

    private static HashingAlgorithm hashOf(DigitalSignatureAlgorithm d) {
      return switch (d) {
        case MD2_WITH_RSA_ENCRYPTION -> HashingAlgorithm.MD2;
        case MD5_WITH_RSA_ENCRYPTION -> HashingAlgorithm.MD5;
        case SHA_1_WITH_RSA_ENCRYPTION, DSA_WITH_SHA_1, ECDSA_WITH_SHA_1 -> HashingAlgorithm.SHA_1;
        case SHA_224_WITH_RSA_ENCRYPTION, DSA_WITH_SHA224, ECDSA_WITH_SHA224 -> HashingAlgorithm.SHA_224;
        case SHA_256_WITH_RSA_ENCRYPTION, DSA_WITH_SHA256, ECDSA_WITH_SHA256 -> HashingAlgorithm.SHA_256;
        case SHA_384_WITH_RSA_ENCRYPTION, ECDSA_WITH_SHA384 -> HashingAlgorithm.SHA_384;
        case SHA_512_WITH_RSA_ENCRYPTION, ECDSA_WITH_SHA512 -> HashingAlgorithm.SHA_512;
        case SHA3_256_WITH_RSA_ENCRYPTION -> HashingAlgorithm.SHA3_256;
        case SHA3_384_WITH_RSA_ENCRYPTION -> HashingAlgorithm.SHA3_384;
        case SHA3_512_WITH_RSA_ENCRYPTION -> HashingAlgorithm.SHA3_512;
        case RSASSA_PSS -> null;
      };
    }
  }

  // ---- states -------------------------------------------------------------------------------

  private abstract static class State {
    boolean digested;
    byte[] signature;

    abstract void update(byte[] in);

    abstract byte[] sign();

    abstract boolean verify(byte[] sig);
  }

  /** Verification with parameters that do not fit the key: never valid. */
  private static final class Mismatch extends State {
    @Override
    void update(byte[] in) {}

    @Override
    byte[] sign() {
      throw new IllegalStateException();
    }

    @Override
    boolean verify(byte[] sig) {
      return false;
    }
  }

  /** A Bouncy Castle Signer; counts the input where the signer buffers it (Ed25519, Digested Data). */
  private static final class BcSigner extends State {
    private final Signer signer;
    private final int digestLength;
    private final int limit;
    private long seen;

    BcSigner(Signer signer, boolean digested, int digestLength, int limit) {
      this.signer = signer;
      this.digested = digested;
      this.digestLength = digestLength;
      this.limit = limit;
    }

    @Override
    void update(byte[] in) {
      seen += in.length;
      if (digestLength >= 0 && seen != digestLength) {
        throw Failures.invalidField("Digested Data must be " + digestLength + " bytes for this Hashing Algorithm");
      }
      if (signer instanceof Ed25519Signer && seen > limit) {
        throw Failures.serverLimit("Ed25519 keeps the whole message until the Final Indicator; at most " + limit + " bytes");
      }
      signer.update(in, 0, in.length);
    }

    @Override
    byte[] sign() {
      try {
        return signer.generateSignature();
      } catch (CryptoException | RuntimeException e) {
        throw Failures.cryptographicFailure("signing failed: " + e.getMessage());
      }
    }

    @Override
    boolean verify(byte[] sig) {
      try {
        return signer.verifySignature(sig);
      } catch (RuntimeException e) {
        return false;
      }
    }
  }

  /** RSA PKCS#1 v1.5 (EMSA-PKCS1-v1_5): DigestInfo over the hash, or the Digested Data as it is. */
  private static final class RsaPkcs1 extends State {
    private final RSAKeyParameters key;
    private final HashingAlgorithm hash;
    private final Digest digest;
    private final SecureRandom random;
    private final ByteArrayOutputStream raw = new ByteArrayOutputStream();

    RsaPkcs1(RSAKeyParameters key, HashingAlgorithm hash, boolean digested, SecureRandom random) {
      this.key = key;
      this.hash = hash;
      this.digested = digested;
      this.random = random;
      this.digest = !digested && hash != null ? Digests.create(hash) : null;
    }

    @Override
    void update(byte[] in) {
      if (digest != null) {
        digest.update(in, 0, in.length);
      } else {
        raw.writeBytes(in);
        if (raw.size() > key.getModulus().bitLength() / 8) {
          throw Failures.invalidField("without a Hashing Algorithm, the data to sign must fit the RSA key");
        }
      }
    }

    private byte[] encoded() {
      byte[] h;
      if (digest != null) {
        h = new byte[digest.getDigestSize()];
        digest.doFinal(h, 0);
      } else {
        h = raw.toByteArray();
        if (hash == null) {
          return h;
        }
        if (h.length != Digests.size(hash)) {
          throw Failures.invalidField("Digested Data must be " + Digests.size(hash) + " bytes for " + hash.specName());
        }
      }
      return KeyFormats.der(new DigestInfo(new AlgorithmIdentifier(Digests.oid(hash), DERNull.INSTANCE), h));
    }

    @Override
    byte[] sign() {
      PKCS1Encoding c = new PKCS1Encoding(new RSABlindedEngine());
      c.init(true, new ParametersWithRandom(key, random));
      byte[] m = encoded();
      if (m.length > c.getInputBlockSize()) {
        throw Failures.invalidField("the data to sign is too long for this RSA key");
      }
      try {
        return c.processBlock(m, 0, m.length);
      } catch (InvalidCipherTextException e) {
        throw Failures.cryptographicFailure("signing failed");
      }
    }

    @Override
    boolean verify(byte[] sig) {
      byte[] expected = encoded();
      PKCS1Encoding c = new PKCS1Encoding(new RSABlindedEngine());
      c.init(false, key);
      try {
        byte[] recovered = c.processBlock(sig, 0, sig.length);
        return Arrays.constantTimeAreEqual(expected, recovered);
      } catch (InvalidCipherTextException | RuntimeException e) {
        return false;
      }
    }
  }

  /**
   * EMSA-PSS verification (RFC 8017 §9.1.2), written out so that an unspecified Salt Length is
   * read from the signature: the OASIS case CS-AC-M-2 carries a signature with the maximal salt
   * (222 bytes for RSA-2048 with SHA-256), as OpenSSL makes them by default.
   */
  private static final class PssVerifier extends State {
    private final RSAKeyParameters key;
    private final HashingAlgorithm hash;
    private final HashingAlgorithm mgfHash;
    private final Integer saltLength;
    private final Digest digest;
    private final ByteArrayOutputStream digestedInput = new ByteArrayOutputStream();

    PssVerifier(RSAKeyParameters key, HashingAlgorithm hash, HashingAlgorithm mgfHash, Integer saltLength,
        boolean digested) {
      this.key = key;
      this.hash = hash;
      this.mgfHash = mgfHash;
      this.saltLength = saltLength;
      this.digested = digested;
      this.digest = digested ? null : Digests.create(hash);
    }

    @Override
    void update(byte[] in) {
      if (digest != null) {
        digest.update(in, 0, in.length);
      } else {
        digestedInput.writeBytes(in);
      }
    }

    @Override
    byte[] sign() {
      throw new IllegalStateException();
    }

    @Override
    boolean verify(byte[] sig) {
      int hLen = Digests.size(hash);
      byte[] mHash;
      if (digest != null) {
        mHash = new byte[hLen];
        digest.doFinal(mHash, 0);
      } else {
        mHash = digestedInput.toByteArray();
        if (mHash.length != hLen) {
          return false;
        }
      }
      BigInteger n = key.getModulus();
      BigInteger s = new BigInteger(1, sig);
      if (sig.length != (n.bitLength() + 7) / 8 || s.compareTo(n) >= 0) {
        return false;
      }
      int emBits = n.bitLength() - 1;
      int emLen = (emBits + 7) / 8;
      byte[] em = BigIntegers.asUnsignedByteArray(emLen, s.modPow(key.getExponent(), n));
      if (emLen < hLen + 2 || em[emLen - 1] != (byte) 0xBC) {
        return false;
      }
      int dbLen = emLen - hLen - 1;
      int topBits = 8 * emLen - emBits;
      if ((em[0] & (0xFF << (8 - topBits))) != 0) {
        return false;
      }
      byte[] h = java.util.Arrays.copyOfRange(em, dbLen, dbLen + hLen);
      MGF1BytesGenerator mgf = new MGF1BytesGenerator(Digests.create(mgfHash));
      mgf.init(new MGFParameters(h));
      byte[] db = new byte[dbLen];
      mgf.generateBytes(db, 0, dbLen);
      for (int i = 0; i < dbLen; i++) {
        db[i] ^= em[i];
      }
      db[0] &= (byte) (0xFF >>> topBits);
      int i = 0;
      while (i < dbLen && db[i] == 0) {
        i++;
      }
      if (i == dbLen || db[i] != 1) {
        return false;
      }
      int salt = dbLen - i - 1;
      if (saltLength != null && salt != saltLength) {
        return false;
      }
      Digest d = Digests.create(hash);
      d.update(new byte[8], 0, 8);
      d.update(mHash, 0, hLen);
      d.update(db, i + 1, salt);
      byte[] h2 = new byte[hLen];
      d.doFinal(h2, 0);
      return Arrays.constantTimeAreEqual(h, h2);
    }
  }
}
