package io.keyfed.application.federation;

import io.keyfed.domain.federation.ServerEntity;
import io.keyfed.infrastructure.config.KeyfedConfig;
import io.keyfed.infrastructure.crypto.engine.CryptoEngine;
import io.keyfed.infrastructure.crypto.engine.CryptographicParameters;
import io.keyfed.infrastructure.crypto.engine.KeyFormats;
import io.keyfed.infrastructure.pki.Pem;
import io.keyfed.kmip.message.KmipException;
import io.keyfed.kmip.spec.CryptographicAlgorithm;
import io.keyfed.kmip.spec.EncodingOption;
import io.keyfed.kmip.spec.HashingAlgorithm;
import io.keyfed.kmip.spec.KeyFormatType;
import io.keyfed.kmip.spec.ObjectType;
import io.keyfed.kmip.spec.PaddingMethod;
import io.keyfed.kmip.spec.ResultReason;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.spec.WrappingMethod;
import io.keyfed.kmip.ttlv.Ttlv;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAKey;
import java.util.List;

/**
 * The wrapped form of propagation (DESIGN.md §3 "form"): key material wrapped with RSA-OAEP
 * (SHA-256) under the target's transport key, which is the public key of the TLS certificate the
 * target authenticates with — nothing more to exchange. The receiver unwraps with its own server
 * private key. The Key Wrapping Data names the transport key as {@code transport:<server name>}.
 * RSA-OAEP carries up to (key bytes − 66) bytes of encoded key value: symmetric keys and secret
 * data, not private keys.
 */
@ApplicationScoped
public class TransportKeys {

  @Inject
  KeyfedConfig config;

  private final CryptoEngine engine = CryptoEngine.create();

  static CryptographicParameters oaep() {
    return CryptographicParameters.NONE.withCryptographicAlgorithm(CryptographicAlgorithm.RSA)
        .withPaddingMethod(PaddingMethod.OAEP).withHashingAlgorithm(HashingAlgorithm.SHA_256);
  }

  /** {@code object} wrapped for {@code target}. */
  public Ttlv wrapFor(ServerEntity target, Ttlv object) {
    try {
      X509Certificate cert = Pem.readCertificates(target.trustPem()).get(0);
      if (cert.getBasicConstraints() >= 0) {
        throw new KmipException(ResultReason.INVALID_FIELD, "the wrapped form needs the target's own certificate registered"
            + " (its public key is the transport key), not only its CA");
      }
      if (!(cert.getPublicKey() instanceof RSAKey)) {
        throw new KmipException(ResultReason.FEATURE_NOT_SUPPORTED, "the wrapped form needs an RSA transport key");
      }
      Ttlv publicKey = KeyFormats.publicKey(cert.getPublicKey().getEncoded());
      Ttlv spec = Ttlv.structure(Tag.KEY_WRAPPING_SPECIFICATION,
          Ttlv.enumeration(Tag.WRAPPING_METHOD, WrappingMethod.ENCRYPT),
          Ttlv.structure(Tag.ENCRYPTION_KEY_INFORMATION,
              Ttlv.text(Tag.UNIQUE_IDENTIFIER, "transport:" + target.name()), oaep().encode()),
          Ttlv.enumeration(Tag.ENCODING_OPTION, EncodingOption.TTLV_ENCODING));
      return engine.keyWrapping().wrap(object, spec, publicKey, oaep(), List.of());
    } catch (IOException e) {
      throw new IllegalStateException("unreadable certificate of " + target.name(), e);
    }
  }

  /** A wrapped object received from a peer, unwrapped with this server's private key. */
  public Ttlv unwrapWithServerKey(Ttlv wrapped) {
    try {
      PrivateKey key = Pem.readPrivateKey(config.pkiDir().resolve("server-key.pem"));
      int bits = key instanceof RSAKey r ? r.getModulus().bitLength() : 0;
      Ttlv privateKey = Ttlv.structure(Tag.PRIVATE_KEY, Ttlv.structure(Tag.KEY_BLOCK,
          Ttlv.enumeration(Tag.KEY_FORMAT_TYPE, KeyFormatType.PKCS_8),
          Ttlv.structure(Tag.KEY_VALUE, Ttlv.bytes(Tag.KEY_MATERIAL, key.getEncoded())),
          Ttlv.enumeration(Tag.CRYPTOGRAPHIC_ALGORITHM, CryptographicAlgorithm.RSA),
          Ttlv.integer(Tag.CRYPTOGRAPHIC_LENGTH, bits)));
      return engine.keyWrapping().unwrap(wrapped, privateKey, null);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read this server's private key", e);
    }
  }

  static boolean isObjectType(ObjectType t) {
    return t == ObjectType.SYMMETRIC_KEY || t == ObjectType.SECRET_DATA;
  }
}
