package io.keyfed.infrastructure.crypto.engine;

import io.keyfed.kmip.message.Fields;
import io.keyfed.kmip.message.KmipException;
import io.keyfed.kmip.spec.BlockCipherMode;
import io.keyfed.kmip.spec.CryptographicAlgorithm;
import io.keyfed.kmip.spec.EncodingOption;
import io.keyfed.kmip.spec.HashingAlgorithm;
import io.keyfed.kmip.spec.ItemType;
import io.keyfed.kmip.spec.PaddingMethod;
import io.keyfed.kmip.spec.ResultReason;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.spec.WrappingMethod;
import io.keyfed.kmip.ttlv.Ttlv;
import io.keyfed.kmip.ttlv.TtlvException;
import io.keyfed.kmip.ttlv.TtlvReader;
import io.keyfed.kmip.ttlv.TtlvWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Key wrapping (KMIP 1.4 §2.1.5 Key Wrapping Data, §2.1.6 Key Wrapping Specification; 2.1 §2.1.5,
 * §2.1.6): what Get, Export and Register need to hand out or take in a wrapped key.
 *
 * <p>Wrapping Method Encrypt only, with any encryption {@link Encryption} offers under the
 * wrapping key; the usual ones are AES Key Wrap (Block Cipher Mode "NISTKeyWrap", RFC 3394),
 * AES Key Wrap with Padding ("AESKeyWrapPadding", RFC 5649) and RSA-OAEP (Padding Method OAEP).
 * Without Cryptographic Parameters: AES Key Wrap for an AES wrapping key (with padding when the
 * bytes to wrap are not a whole number of 8-byte blocks), RSA-OAEP with SHA-256 for an RSA key;
 * the parameters used are then written into the Key Wrapping Data, so the result always says how
 * to unwrap it. An IV the server generated (CBC, GCM) goes into the IV/Counter/Nonce field; a GCM
 * tag is appended to the wrapped bytes.
 *
 * <p>Encoding Option TTLV Encoding (the default) wraps the TTLV encoding of the whole Key Value
 * structure, attributes included; No Encoding wraps the Key Material bytes alone, and is Encoding
 * Option Error with attributes or with a Transparent (structure) Key Material.
 *
 * <p>Not supported (Feature Not Supported): Wrapping Methods MAC/sign, Encrypt then MAC/sign,
 * MAC/sign then encrypt and TR-31.
 *
 * <p>Left to the handler: finding the wrapping key by the Unique Identifier in the Encryption Key
 * Information, checking its state and its Wrap Key / Unwrap Key usage mask, checking the given
 * Cryptographic Parameters against the key's Cryptographic Parameters attribute (spec §2.1.6), and
 * turning the Attribute Names of the specification into Attribute structures.
 */
public final class KeyWrapping {

  private final Encryption encryption;

  public KeyWrapping(Encryption encryption) {
    this.encryption = Objects.requireNonNull(encryption);
  }

  /**
   * The object with its Key Block wrapped as the Key Wrapping Specification says.
   *
   * @param object the plaintext object (Symmetric Key, Private Key, Secret Data, ...)
   * @param keyWrappingSpecification the request's Key Wrapping Specification structure
   * @param wrappingKey the object the Encryption Key Information names
   * @param parameters the Cryptographic Parameters to wrap with, or null for those in the
   *     Encryption Key Information (and the defaults above when it has none)
   * @param attributes Attribute structures (1.x Attribute or 2.x attributes) to wrap with the key
   *     material; empty for none
   */
  public Ttlv wrap(Ttlv object, Ttlv keyWrappingSpecification, Ttlv wrappingKey, CryptographicParameters parameters,
      List<Ttlv> attributes) {
    Fields.structure(keyWrappingSpecification);
    checkMethod(Fields.enumeration(Fields.required(keyWrappingSpecification, Tag.WRAPPING_METHOD),
        WrappingMethod::fromValue));
    Ttlv eki = keyWrappingSpecification.child(Tag.ENCRYPTION_KEY_INFORMATION);
    if (eki == null) {
      throw Failures.featureNotSupported("only wrapping by encryption is supported: the Key Wrapping Specification"
          + " needs an Encryption Key Information");
    }
    EncodingOption encoding = Fields.optionalEnum(keyWrappingSpecification, Tag.ENCODING_OPTION, EncodingOption::fromValue);
    ManagedKey k = ManagedKey.of(object);
    k.requirePlaintext();
    List<Ttlv> wrappedAttributes = new ArrayList<>(k.keyValueAttributes());
    wrappedAttributes.addAll(attributes == null ? List.of() : attributes);

    byte[] plain;
    if (encoding == EncodingOption.NO_ENCODING) {
      if (!wrappedAttributes.isEmpty()) {
        throw encodingError("No Encoding cannot carry attributes with the key");
      }
      Ttlv m = k.keyMaterial();
      if (m.type() != ItemType.BYTE_STRING) {
        throw encodingError("No Encoding needs a Byte String Key Material, not a " + k.keyFormatType().specName());
      }
      plain = m.asBytes();
    } else {
      plain = TtlvWriter.encode(ManagedKey.keyValue(k.keyMaterial(), wrappedAttributes));
    }

    ManagedKey wk = ManagedKey.of(wrappingKey);
    Ttlv given = eki.child(Tag.CRYPTOGRAPHIC_PARAMETERS);
    CryptographicParameters p = parameters != null ? parameters
        : given != null ? CryptographicParameters.decode(given) : defaults(wk, plain.length);
    Encryption.Encrypted e = encryption.encryptOnce(wk, p, plain, null);
    byte[] wrapped = e.authenticatedEncryptionTag() == null ? e.data() : CipherState.concat(e.data(), e.authenticatedEncryptionTag());
    Arrays.fill(plain, (byte) 0);

    // Echo the client's Encryption Key Information; when the parameters came from elsewhere, say which were used.
    Ttlv outEki = parameters == null && given != null ? eki
        : Ttlv.structure(Tag.ENCRYPTION_KEY_INFORMATION, Fields.required(eki, Tag.UNIQUE_IDENTIFIER), p.encode());
    List<Ttlv> kwd = new ArrayList<>();
    kwd.add(Ttlv.enumeration(Tag.WRAPPING_METHOD, WrappingMethod.ENCRYPT));
    kwd.add(outEki);
    if (e.ivCounterNonce() != null) {
      kwd.add(Ttlv.bytes(Tag.IV_COUNTER_NONCE, e.ivCounterNonce()));
    }
    if (encoding != null) {
      kwd.add(Ttlv.enumeration(Tag.ENCODING_OPTION, encoding));
    }
    Ttlv kb = ManagedKey.keyBlock(k.keyFormatType(), k.keyBlock().child(Tag.KEY_COMPRESSION_TYPE),
        Ttlv.bytes(Tag.KEY_VALUE, wrapped), k.algorithm(), k.length(), Ttlv.structure(Tag.KEY_WRAPPING_DATA, kwd));
    return k.withKeyBlock(kb);
  }

  /**
   * The plaintext object of a wrapped one. The Key Value may be a Byte String (as this server and
   * the specification write it) or a Key Value structure whose Key Material holds the wrapped
   * bytes (as the OASIS case TC-WRAP-1 registers it).
   *
   * @param unwrappingKey the object the Encryption Key Information names
   * @param parameters the Cryptographic Parameters to unwrap with, or null for those in the Key
   *     Wrapping Data (or the defaults)
   * @throws KmipException Cryptographic Failure when the wrapped bytes do not decrypt or decode
   */
  public Ttlv unwrap(Ttlv wrappedObject, Ttlv unwrappingKey, CryptographicParameters parameters) {
    ManagedKey k = ManagedKey.of(wrappedObject);
    Ttlv kwd = k.keyWrappingData();
    if (kwd == null) {
      throw Failures.invalidField("the Key Block is not wrapped");
    }
    checkMethod(Fields.enumeration(Fields.required(kwd, Tag.WRAPPING_METHOD), WrappingMethod::fromValue));
    Ttlv eki = kwd.child(Tag.ENCRYPTION_KEY_INFORMATION);
    if (eki == null) {
      throw Failures.featureNotSupported("only keys wrapped by encryption can be unwrapped");
    }
    EncodingOption encoding = Fields.optionalEnum(kwd, Tag.ENCODING_OPTION, EncodingOption::fromValue);
    byte[] wrapped;
    if (k.keyValue().type() == ItemType.BYTE_STRING) {
      wrapped = k.keyValue().asBytes();
    } else {
      wrapped = Fields.bytes(Fields.required(Fields.structure(k.keyValue()), Tag.KEY_MATERIAL));
    }
    Ttlv ivField = kwd.child(Tag.IV_COUNTER_NONCE);
    byte[] iv = ivField == null ? null : Fields.bytes(ivField);
    ManagedKey wk = ManagedKey.of(unwrappingKey);
    Ttlv given = eki.child(Tag.CRYPTOGRAPHIC_PARAMETERS);
    CryptographicParameters p = parameters != null ? parameters
        : given != null ? CryptographicParameters.decode(given) : defaults(wk, wrapped.length - 8);
    byte[] tag = null;
    if (p.blockCipherMode() == BlockCipherMode.GCM || p.blockCipherMode() == BlockCipherMode.AEAD
        || wk.algorithm() == CryptographicAlgorithm.CHACHA20POLY1305) {
      int t = p.tagLength() == null ? 16 : p.tagLength();
      if (wrapped.length < t) {
        throw Failures.cryptographicFailure("the wrapped key is shorter than its tag");
      }
      tag = Arrays.copyOfRange(wrapped, wrapped.length - t, wrapped.length);
      wrapped = Arrays.copyOf(wrapped, wrapped.length - t);
    }
    byte[] plain = encryption.decryptOnce(wk, p, wrapped, iv, tag);

    Ttlv keyValue;
    if (encoding == EncodingOption.NO_ENCODING) {
      keyValue = ManagedKey.keyValue(Ttlv.bytes(Tag.KEY_MATERIAL, plain), List.of());
    } else {
      try {
        keyValue = new TtlvReader().read(plain);
      } catch (TtlvException ex) {
        throw Failures.cryptographicFailure("the unwrapped bytes are not a TTLV Key Value (wrong key or Encoding Option?)");
      } finally {
        Arrays.fill(plain, (byte) 0);
      }
      if (!keyValue.is(Tag.KEY_VALUE) || !keyValue.isStructure() || keyValue.child(Tag.KEY_MATERIAL) == null) {
        throw Failures.cryptographicFailure("the unwrapped bytes are not a Key Value structure");
      }
    }
    Ttlv kb = ManagedKey.keyBlock(k.keyFormatType(), k.keyBlock().child(Tag.KEY_COMPRESSION_TYPE), keyValue,
        k.algorithm(), k.length(), null);
    return k.withKeyBlock(kb);
  }

  /** Whether an object's Key Block is wrapped. */
  public static boolean isWrapped(Ttlv object) {
    return ManagedKey.of(object).wrapped();
  }

  /** The Unique Identifier of the key that wrapped an object (Encryption Key Information), or null. */
  public static String encryptionKeyIdentifier(Ttlv wrappedObject) {
    Ttlv kwd = ManagedKey.of(wrappedObject).keyWrappingData();
    Ttlv eki = kwd == null ? null : kwd.child(Tag.ENCRYPTION_KEY_INFORMATION);
    return eki == null ? null : Fields.text(Fields.required(eki, Tag.UNIQUE_IDENTIFIER));
  }

  private static void checkMethod(WrappingMethod m) {
    if (m != WrappingMethod.ENCRYPT) {
      throw Failures.featureNotSupported("Wrapping Method " + m.specName() + " is not supported; only Encrypt");
    }
  }

  private static KmipException encodingError(String msg) {
    return new KmipException(ResultReason.ENCODING_OPTION_ERROR, msg);
  }

  /** The parameters used when neither the request nor the Key Wrapping Data gives any. */
  private static CryptographicParameters defaults(ManagedKey wrappingKey, int plainLength) {
    DecodedKey key = wrappingKey.decode();
    if (key instanceof DecodedKey.Secret) {
      if (wrappingKey.algorithm() != CryptographicAlgorithm.AES) {
        throw Failures.invalidField("give Cryptographic Parameters to wrap with a "
            + (wrappingKey.algorithm() == null ? "key of no algorithm" : wrappingKey.algorithm().specName() + " key"));
      }
      boolean kw = plainLength >= 16 && plainLength % 8 == 0;
      return CryptographicParameters.of(kw ? BlockCipherMode.NISTKEYWRAP : BlockCipherMode.AESKEYWRAPPADDING);
    }
    if (key instanceof DecodedKey.RsaPublic || key instanceof DecodedKey.RsaPrivate) {
      return CryptographicParameters.NONE.withCryptographicAlgorithm(CryptographicAlgorithm.RSA)
          .withPaddingMethod(PaddingMethod.OAEP).withHashingAlgorithm(HashingAlgorithm.SHA_256)
          .withMaskGeneratorHashingAlgorithm(HashingAlgorithm.SHA_256);
    }
    throw Failures.featureNotSupported("wrapping with a " + key + " key is not supported");
  }
}
