package io.keyfed.infrastructure.crypto.engine;

import io.keyfed.kmip.spec.CryptographicAlgorithm;
import io.keyfed.kmip.spec.HashingAlgorithm;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.oiw.OIWObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.teletrust.TeleTrusTObjectIdentifiers;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.MD2Digest;
import org.bouncycastle.crypto.digests.MD4Digest;
import org.bouncycastle.crypto.digests.MD5Digest;
import org.bouncycastle.crypto.digests.RIPEMD160Digest;
import org.bouncycastle.crypto.digests.SHA1Digest;
import org.bouncycastle.crypto.digests.SHA224Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA384Digest;
import org.bouncycastle.crypto.digests.SHA3Digest;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.crypto.digests.SHA512tDigest;
import org.bouncycastle.crypto.digests.TigerDigest;
import org.bouncycastle.crypto.digests.WhirlpoolDigest;

/** Hashing Algorithm (KMIP 1.4 §9.1.3.2.16) to Bouncy Castle digests, and the HMAC algorithms' hashes. */
final class Digests {

  private Digests() {}

  /** A new digest; every Hashing Algorithm of KMIP 1.0–2.1 is available. */
  static Digest create(HashingAlgorithm h) {
    return switch (h) {
      case MD2 -> new MD2Digest();
      case MD4 -> new MD4Digest();
      case MD5 -> new MD5Digest();
      case SHA_1 -> new SHA1Digest();
      case SHA_224 -> new SHA224Digest();
      case SHA_256 -> SHA256Digest.newInstance();
      case SHA_384 -> new SHA384Digest();
      case SHA_512 -> new SHA512Digest();
      case RIPEMD_160 -> new RIPEMD160Digest();
      case TIGER -> new TigerDigest();
      case WHIRLPOOL -> new WhirlpoolDigest();
      case SHA_512_224 -> new SHA512tDigest(224);
      case SHA_512_256 -> new SHA512tDigest(256);
      case SHA3_224 -> new SHA3Digest(224);
      case SHA3_256 -> new SHA3Digest(256);
      case SHA3_384 -> new SHA3Digest(384);
      case SHA3_512 -> new SHA3Digest(512);
    };
  }

  static int size(HashingAlgorithm h) {
    return create(h).getDigestSize();
  }

  /** The algorithm identifier that PKCS#1 v1.5 signatures put in their DigestInfo. */
  static ASN1ObjectIdentifier oid(HashingAlgorithm h) {
    return switch (h) {
      case MD2 -> PKCSObjectIdentifiers.md2;
      case MD4 -> PKCSObjectIdentifiers.md4;
      case MD5 -> PKCSObjectIdentifiers.md5;
      case SHA_1 -> OIWObjectIdentifiers.idSHA1;
      case SHA_224 -> NISTObjectIdentifiers.id_sha224;
      case SHA_256 -> NISTObjectIdentifiers.id_sha256;
      case SHA_384 -> NISTObjectIdentifiers.id_sha384;
      case SHA_512 -> NISTObjectIdentifiers.id_sha512;
      case SHA_512_224 -> NISTObjectIdentifiers.id_sha512_224;
      case SHA_512_256 -> NISTObjectIdentifiers.id_sha512_256;
      case SHA3_224 -> NISTObjectIdentifiers.id_sha3_224;
      case SHA3_256 -> NISTObjectIdentifiers.id_sha3_256;
      case SHA3_384 -> NISTObjectIdentifiers.id_sha3_384;
      case SHA3_512 -> NISTObjectIdentifiers.id_sha3_512;
      case RIPEMD_160 -> TeleTrusTObjectIdentifiers.ripemd160;
      case TIGER, WHIRLPOOL -> throw Failures.featureNotSupported(
          h.specName() + " has no PKCS#1 DigestInfo identifier");
    };
  }

  /** The hash inside an HMAC Cryptographic Algorithm, or null when it is not one. */
  static HashingAlgorithm ofHmac(CryptographicAlgorithm a) {
    if (a == null) {
      return null;
    }
    return switch (a) {
      case HMAC_SHA1 -> HashingAlgorithm.SHA_1;
      case HMAC_SHA224 -> HashingAlgorithm.SHA_224;
      case HMAC_SHA256 -> HashingAlgorithm.SHA_256;
      case HMAC_SHA384 -> HashingAlgorithm.SHA_384;
      case HMAC_SHA512 -> HashingAlgorithm.SHA_512;
      case HMAC_MD5 -> HashingAlgorithm.MD5;
      case HMAC_SHA3_224 -> HashingAlgorithm.SHA3_224;
      case HMAC_SHA3_256 -> HashingAlgorithm.SHA3_256;
      case HMAC_SHA3_384 -> HashingAlgorithm.SHA3_384;
      case HMAC_SHA3_512 -> HashingAlgorithm.SHA3_512;
      default -> null;
    };
  }

  /** KMIP 1.4 made SHA3-* Cryptographic Algorithms too; the Hash operation accepts either form. */
  static HashingAlgorithm ofHashAlgorithm(CryptographicAlgorithm a) {
    if (a == null) {
      return null;
    }
    return switch (a) {
      case SHA3_224 -> HashingAlgorithm.SHA3_224;
      case SHA3_256 -> HashingAlgorithm.SHA3_256;
      case SHA3_384 -> HashingAlgorithm.SHA3_384;
      case SHA3_512 -> HashingAlgorithm.SHA3_512;
      default -> null;
    };
  }
}
