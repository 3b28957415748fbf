package io.keyfed.infrastructure.crypto.engine;

import io.keyfed.kmip.message.Fields;
import io.keyfed.kmip.spec.BlockCipherMode;
import io.keyfed.kmip.spec.CryptographicAlgorithm;
import io.keyfed.kmip.spec.DigitalSignatureAlgorithm;
import io.keyfed.kmip.spec.HashingAlgorithm;
import io.keyfed.kmip.spec.KeyRoleType;
import io.keyfed.kmip.spec.MaskGenerator;
import io.keyfed.kmip.spec.PaddingMethod;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.ttlv.Ttlv;
import java.util.ArrayList;
import java.util.List;

/**
 * The Cryptographic Parameters structure (KMIP 1.4 §3.6, 2.1 §4.16): every field optional, null
 * when absent. Decoded from and encoded to the TTLV structure unchanged, so a handler can pass a
 * request's parameters straight through.
 *
 * <p>The engine treats an absent field as "use the default" (named at each use). Which instance
 * of a key's Cryptographic Parameters attribute applies when the request has none is the
 * handler's decision (spec: the lowest Attribute Index); {@link #orElse} fills the fields a
 * request left out from such a default.
 *
 * @param ivLength bits
 * @param tagLength bytes
 * @param fixedFieldLength bits
 * @param invocationFieldLength bits
 * @param counterLength bits
 * @param saltLength bytes (PSS)
 * @param pSource the OAEP label
 */
public record CryptographicParameters(
    BlockCipherMode blockCipherMode,
    PaddingMethod paddingMethod,
    HashingAlgorithm hashingAlgorithm,
    KeyRoleType keyRoleType,
    DigitalSignatureAlgorithm digitalSignatureAlgorithm,
    CryptographicAlgorithm cryptographicAlgorithm,
    Boolean randomIv,
    Integer ivLength,
    Integer tagLength,
    Integer fixedFieldLength,
    Integer invocationFieldLength,
    Integer counterLength,
    Integer initialCounterValue,
    Integer saltLength,
    MaskGenerator maskGenerator,
    HashingAlgorithm maskGeneratorHashingAlgorithm,
    byte[] pSource,
    Integer trailerField) {

  public CryptographicParameters {
    pSource = pSource == null ? null : pSource.clone();
  }

  public static final CryptographicParameters NONE = new CryptographicParameters(
      null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);

  /** The structure as a request or attribute carries it; null gives {@link #NONE}. */
  public static CryptographicParameters decode(Ttlv s) {
    if (s == null) {
      return NONE;
    }
    Fields.structure(s);
    Ttlv pSource = s.child(Tag.P_SOURCE);
    return new CryptographicParameters(
        Fields.optionalEnum(s, Tag.BLOCK_CIPHER_MODE, BlockCipherMode::fromValue),
        Fields.optionalEnum(s, Tag.PADDING_METHOD, PaddingMethod::fromValue),
        Fields.optionalEnum(s, Tag.HASHING_ALGORITHM, HashingAlgorithm::fromValue),
        Fields.optionalEnum(s, Tag.KEY_ROLE_TYPE, KeyRoleType::fromValue),
        Fields.optionalEnum(s, Tag.DIGITAL_SIGNATURE_ALGORITHM, DigitalSignatureAlgorithm::fromValue),
        Fields.optionalEnum(s, Tag.CRYPTOGRAPHIC_ALGORITHM, CryptographicAlgorithm::fromValue),
        Fields.optionalBool(s, Tag.RANDOM_IV),
        Fields.optionalInteger(s, Tag.IV_LENGTH),
        Fields.optionalInteger(s, Tag.TAG_LENGTH),
        Fields.optionalInteger(s, Tag.FIXED_FIELD_LENGTH),
        Fields.optionalInteger(s, Tag.INVOCATION_FIELD_LENGTH),
        Fields.optionalInteger(s, Tag.COUNTER_LENGTH),
        Fields.optionalInteger(s, Tag.INITIAL_COUNTER_VALUE),
        Fields.optionalInteger(s, Tag.SALT_LENGTH),
        Fields.optionalEnum(s, Tag.MASK_GENERATOR, MaskGenerator::fromValue),
        Fields.optionalEnum(s, Tag.MASK_GENERATOR_HASHING_ALGORITHM, HashingAlgorithm::fromValue),
        pSource == null ? null : Fields.bytes(pSource),
        Fields.optionalInteger(s, Tag.TRAILER_FIELD));
  }

  /** The structure in the specification's field order; absent fields are left out. */
  public Ttlv encode() {
    List<Ttlv> c = new ArrayList<>();
    if (blockCipherMode != null) {
      c.add(Ttlv.enumeration(Tag.BLOCK_CIPHER_MODE, blockCipherMode));
    }
    if (paddingMethod != null) {
      c.add(Ttlv.enumeration(Tag.PADDING_METHOD, paddingMethod));
    }
    if (hashingAlgorithm != null) {
      c.add(Ttlv.enumeration(Tag.HASHING_ALGORITHM, hashingAlgorithm));
    }
    if (keyRoleType != null) {
      c.add(Ttlv.enumeration(Tag.KEY_ROLE_TYPE, keyRoleType));
    }
    if (digitalSignatureAlgorithm != null) {
      c.add(Ttlv.enumeration(Tag.DIGITAL_SIGNATURE_ALGORITHM, digitalSignatureAlgorithm));
    }
    if (cryptographicAlgorithm != null) {
      c.add(Ttlv.enumeration(Tag.CRYPTOGRAPHIC_ALGORITHM, cryptographicAlgorithm));
    }
    if (randomIv != null) {
      c.add(Ttlv.bool(Tag.RANDOM_IV, randomIv));
    }
    addInt(c, Tag.IV_LENGTH, ivLength);
    addInt(c, Tag.TAG_LENGTH, tagLength);
    addInt(c, Tag.FIXED_FIELD_LENGTH, fixedFieldLength);
    addInt(c, Tag.INVOCATION_FIELD_LENGTH, invocationFieldLength);
    addInt(c, Tag.COUNTER_LENGTH, counterLength);
    addInt(c, Tag.INITIAL_COUNTER_VALUE, initialCounterValue);
    addInt(c, Tag.SALT_LENGTH, saltLength);
    if (maskGenerator != null) {
      c.add(Ttlv.enumeration(Tag.MASK_GENERATOR, maskGenerator));
    }
    if (maskGeneratorHashingAlgorithm != null) {
      c.add(Ttlv.enumeration(Tag.MASK_GENERATOR_HASHING_ALGORITHM, maskGeneratorHashingAlgorithm));
    }
    if (pSource != null) {
      c.add(Ttlv.bytes(Tag.P_SOURCE, pSource));
    }
    addInt(c, Tag.TRAILER_FIELD, trailerField);
    return Ttlv.structure(Tag.CRYPTOGRAPHIC_PARAMETERS, c);
  }

  private static void addInt(List<Ttlv> c, Tag tag, Integer v) {
    if (v != null) {
      c.add(Ttlv.integer(tag, v));
    }
  }

  /** These parameters, with each absent field taken from {@code defaults} (which may be null). */
  public CryptographicParameters orElse(CryptographicParameters defaults) {
    if (defaults == null || defaults == NONE) {
      return this;
    }
    return new CryptographicParameters(
        blockCipherMode != null ? blockCipherMode : defaults.blockCipherMode,
        paddingMethod != null ? paddingMethod : defaults.paddingMethod,
        hashingAlgorithm != null ? hashingAlgorithm : defaults.hashingAlgorithm,
        keyRoleType != null ? keyRoleType : defaults.keyRoleType,
        digitalSignatureAlgorithm != null ? digitalSignatureAlgorithm : defaults.digitalSignatureAlgorithm,
        cryptographicAlgorithm != null ? cryptographicAlgorithm : defaults.cryptographicAlgorithm,
        randomIv != null ? randomIv : defaults.randomIv,
        ivLength != null ? ivLength : defaults.ivLength,
        tagLength != null ? tagLength : defaults.tagLength,
        fixedFieldLength != null ? fixedFieldLength : defaults.fixedFieldLength,
        invocationFieldLength != null ? invocationFieldLength : defaults.invocationFieldLength,
        counterLength != null ? counterLength : defaults.counterLength,
        initialCounterValue != null ? initialCounterValue : defaults.initialCounterValue,
        saltLength != null ? saltLength : defaults.saltLength,
        maskGenerator != null ? maskGenerator : defaults.maskGenerator,
        maskGeneratorHashingAlgorithm != null ? maskGeneratorHashingAlgorithm : defaults.maskGeneratorHashingAlgorithm,
        pSource != null ? pSource : defaults.pSource,
        trailerField != null ? trailerField : defaults.trailerField);
  }

  /** Whether no field is set. */
  public boolean isEmpty() {
    return equals(NONE);
  }

  // ---- withers for the fields the engine's callers set most ---------------------------------

  public static CryptographicParameters of(BlockCipherMode mode) {
    return NONE.withBlockCipherMode(mode);
  }

  public CryptographicParameters withBlockCipherMode(BlockCipherMode v) {
    return new CryptographicParameters(v, paddingMethod, hashingAlgorithm, keyRoleType, digitalSignatureAlgorithm,
        cryptographicAlgorithm, randomIv, ivLength, tagLength, fixedFieldLength, invocationFieldLength, counterLength,
        initialCounterValue, saltLength, maskGenerator, maskGeneratorHashingAlgorithm, pSource, trailerField);
  }

  public CryptographicParameters withPaddingMethod(PaddingMethod v) {
    return new CryptographicParameters(blockCipherMode, v, hashingAlgorithm, keyRoleType, digitalSignatureAlgorithm,
        cryptographicAlgorithm, randomIv, ivLength, tagLength, fixedFieldLength, invocationFieldLength, counterLength,
        initialCounterValue, saltLength, maskGenerator, maskGeneratorHashingAlgorithm, pSource, trailerField);
  }

  public CryptographicParameters withHashingAlgorithm(HashingAlgorithm v) {
    return new CryptographicParameters(blockCipherMode, paddingMethod, v, keyRoleType, digitalSignatureAlgorithm,
        cryptographicAlgorithm, randomIv, ivLength, tagLength, fixedFieldLength, invocationFieldLength, counterLength,
        initialCounterValue, saltLength, maskGenerator, maskGeneratorHashingAlgorithm, pSource, trailerField);
  }

  public CryptographicParameters withDigitalSignatureAlgorithm(DigitalSignatureAlgorithm v) {
    return new CryptographicParameters(blockCipherMode, paddingMethod, hashingAlgorithm, keyRoleType, v,
        cryptographicAlgorithm, randomIv, ivLength, tagLength, fixedFieldLength, invocationFieldLength, counterLength,
        initialCounterValue, saltLength, maskGenerator, maskGeneratorHashingAlgorithm, pSource, trailerField);
  }

  public CryptographicParameters withCryptographicAlgorithm(CryptographicAlgorithm v) {
    return new CryptographicParameters(blockCipherMode, paddingMethod, hashingAlgorithm, keyRoleType,
        digitalSignatureAlgorithm, v, randomIv, ivLength, tagLength, fixedFieldLength, invocationFieldLength,
        counterLength, initialCounterValue, saltLength, maskGenerator, maskGeneratorHashingAlgorithm, pSource,
        trailerField);
  }

  public CryptographicParameters withRandomIv(Boolean v) {
    return new CryptographicParameters(blockCipherMode, paddingMethod, hashingAlgorithm, keyRoleType,
        digitalSignatureAlgorithm, cryptographicAlgorithm, v, ivLength, tagLength, fixedFieldLength,
        invocationFieldLength, counterLength, initialCounterValue, saltLength, maskGenerator,
        maskGeneratorHashingAlgorithm, pSource, trailerField);
  }

  public CryptographicParameters withIvLength(Integer bits) {
    return new CryptographicParameters(blockCipherMode, paddingMethod, hashingAlgorithm, keyRoleType,
        digitalSignatureAlgorithm, cryptographicAlgorithm, randomIv, bits, tagLength, fixedFieldLength,
        invocationFieldLength, counterLength, initialCounterValue, saltLength, maskGenerator,
        maskGeneratorHashingAlgorithm, pSource, trailerField);
  }

  public CryptographicParameters withTagLength(Integer bytes) {
    return new CryptographicParameters(blockCipherMode, paddingMethod, hashingAlgorithm, keyRoleType,
        digitalSignatureAlgorithm, cryptographicAlgorithm, randomIv, ivLength, bytes, fixedFieldLength,
        invocationFieldLength, counterLength, initialCounterValue, saltLength, maskGenerator,
        maskGeneratorHashingAlgorithm, pSource, trailerField);
  }

  public CryptographicParameters withInitialCounterValue(Integer v) {
    return new CryptographicParameters(blockCipherMode, paddingMethod, hashingAlgorithm, keyRoleType,
        digitalSignatureAlgorithm, cryptographicAlgorithm, randomIv, ivLength, tagLength, fixedFieldLength,
        invocationFieldLength, counterLength, v, saltLength, maskGenerator, maskGeneratorHashingAlgorithm, pSource,
        trailerField);
  }

  public CryptographicParameters withSaltLength(Integer bytes) {
    return new CryptographicParameters(blockCipherMode, paddingMethod, hashingAlgorithm, keyRoleType,
        digitalSignatureAlgorithm, cryptographicAlgorithm, randomIv, ivLength, tagLength, fixedFieldLength,
        invocationFieldLength, counterLength, initialCounterValue, bytes, maskGenerator,
        maskGeneratorHashingAlgorithm, pSource, trailerField);
  }

  public CryptographicParameters withMaskGeneratorHashingAlgorithm(HashingAlgorithm v) {
    return new CryptographicParameters(blockCipherMode, paddingMethod, hashingAlgorithm, keyRoleType,
        digitalSignatureAlgorithm, cryptographicAlgorithm, randomIv, ivLength, tagLength, fixedFieldLength,
        invocationFieldLength, counterLength, initialCounterValue, saltLength,
        v == null ? maskGenerator : MaskGenerator.MGF1, v, pSource, trailerField);
  }

  public CryptographicParameters withPSource(byte[] label) {
    return new CryptographicParameters(blockCipherMode, paddingMethod, hashingAlgorithm, keyRoleType,
        digitalSignatureAlgorithm, cryptographicAlgorithm, randomIv, ivLength, tagLength, fixedFieldLength,
        invocationFieldLength, counterLength, initialCounterValue, saltLength, maskGenerator,
        maskGeneratorHashingAlgorithm, label == null ? null : label.clone(), trailerField);
  }

  // ---- value semantics (the record's defaults compare byte[] by identity) --------------------

  @Override
  public boolean equals(Object o) {
    return o instanceof CryptographicParameters p && encode().equals(p.encode());
  }

  @Override
  public int hashCode() {
    return encode().hashCode();
  }

  @Override
  public String toString() {
    return encode().toString();
  }

  @Override
  public byte[] pSource() {
    return pSource == null ? null : pSource.clone();
  }
}
