package io.keyfed.application.operation;

import static io.keyfed.application.operation.Handlers.BOB;
import static io.keyfed.application.operation.Handlers.NOW;
import static io.keyfed.application.operation.Handlers.context;
import static io.keyfed.application.operation.Requests.algorithm;
import static io.keyfed.application.operation.Requests.assertFails;
import static io.keyfed.application.operation.Requests.length;
import static io.keyfed.application.operation.Requests.name;
import static io.keyfed.application.operation.Requests.uidOf;
import static io.keyfed.application.operation.Requests.usageMask;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyfed.application.RequestContext;
import io.keyfed.application.ResultReasons;
import io.keyfed.domain.object.ManagedObject;
import io.keyfed.infrastructure.crypto.engine.CryptographicParameters;
import io.keyfed.kmip.attribute.Attribute;
import io.keyfed.kmip.message.KmipException;
import io.keyfed.kmip.payload.CreateKeyPairRequest;
import io.keyfed.kmip.payload.CreateKeyPairResponse;
import io.keyfed.kmip.payload.DecryptRequest;
import io.keyfed.kmip.payload.DecryptResponse;
import io.keyfed.kmip.payload.EncryptRequest;
import io.keyfed.kmip.payload.EncryptResponse;
import io.keyfed.kmip.payload.HashRequest;
import io.keyfed.kmip.payload.HashResponse;
import io.keyfed.kmip.payload.MacRequest;
import io.keyfed.kmip.payload.MacResponse;
import io.keyfed.kmip.payload.ReKeyKeyPairRequest;
import io.keyfed.kmip.payload.ReKeyRequest;
import io.keyfed.kmip.payload.RevokeRequest;
import io.keyfed.kmip.payload.RngRetrieve;
import io.keyfed.kmip.payload.RngSeed;
import io.keyfed.kmip.payload.SignRequest;
import io.keyfed.kmip.payload.SignResponse;
import io.keyfed.kmip.payload.SignatureVerifyRequest;
import io.keyfed.kmip.payload.SignatureVerifyResponse;
import io.keyfed.kmip.payload.StreamFields;
import io.keyfed.kmip.spec.BlockCipherMode;
import io.keyfed.kmip.spec.CryptographicAlgorithm;
import io.keyfed.kmip.spec.CryptographicUsageMask;
import io.keyfed.kmip.spec.DigitalSignatureAlgorithm;
import io.keyfed.kmip.spec.HashingAlgorithm;
import io.keyfed.kmip.spec.KmipVersion;
import io.keyfed.kmip.spec.LinkType;
import io.keyfed.kmip.spec.ObjectType;
import io.keyfed.kmip.spec.PaddingMethod;
import io.keyfed.kmip.spec.RecommendedCurve;
import io.keyfed.kmip.spec.ResultReason;
import io.keyfed.kmip.spec.RevocationReasonCode;
import io.keyfed.kmip.spec.State;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.spec.UsageLimitsUnit;
import io.keyfed.kmip.spec.ValidityIndicator;
import io.keyfed.kmip.ttlv.Ttlv;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The cryptographic operation handlers as plain objects: Create Key Pair, Re-key, Re-key Key Pair
 * (KMIP 1.4 §4.2, §4.4, §4.5), Encrypt to Hash and RNG (§4.29–§4.37), and the rules for using a
 * key (State, Process Start / Protect Stop Date, Cryptographic Usage Mask, Usage Limits, owner).
 */
class CryptoOperationsTest {

  private static final int ENCRYPT_DECRYPT = CryptographicUsageMask.ENCRYPT.value() | CryptographicUsageMask.DECRYPT.value();
  private static final byte[] AES_KEY = hex("0123456789abcdef0123456789abcdef");
  private static final byte[] DATA = hex("01020304050607080910111213141516");

  private final CryptoHandlers c = new CryptoHandlers();

  // ---- Create Key Pair ----------------------------------------------------------------------

  @ParameterizedTest(name = "RSA-{0}, {1}")
  @CsvSource({"2048, V1_2", "3072, V1_4", "2048, V2_1"})
  void createKeyPairMakesLinkedRsaKeys(int bits, KmipVersion v) {
    RequestContext ctx = context(v);
    CreateKeyPairResponse r = CreateKeyPairResponse.decode(c.createKeyPair.handle(new CreateKeyPairRequest(
        List.of(algorithm(CryptographicAlgorithm.RSA), length(bits)),
        List.of(name("private"), usageMask(CryptographicUsageMask.SIGN.value())),
        List.of(name("public"), usageMask(CryptographicUsageMask.VERIFY.value()))).encode(v), ctx));

    assertEquals(r.privateKeyUniqueIdentifier(), ctx.idPlaceholder(), "the ID Placeholder is the Private Key's");
    ManagedObject priv = c.base.repository.find(r.privateKeyUniqueIdentifier());
    ManagedObject pub = c.base.repository.find(r.publicKeyUniqueIdentifier());
    assertEquals(ObjectType.PRIVATE_KEY, priv.objectType());
    assertEquals(ObjectType.PUBLIC_KEY, pub.objectType());
    assertEquals(State.PRE_ACTIVE, priv.state());
    assertEquals(r.publicKeyUniqueIdentifier(), KeyPairs.linked(priv, LinkType.PUBLIC_KEY_LINK));
    assertEquals(r.privateKeyUniqueIdentifier(), KeyPairs.linked(pub, LinkType.PRIVATE_KEY_LINK));
    for (ManagedObject o : List.of(priv, pub)) {
      assertEquals(CryptographicAlgorithm.RSA.value(), o.attribute(Tag.CRYPTOGRAPHIC_ALGORITHM).asInt());
      assertEquals(bits, o.attribute(Tag.CRYPTOGRAPHIC_LENGTH).asInt());
      assertNotNull(o.attribute(Tag.DIGEST));
      assertEquals("alice", o.owner());
    }
    assertEquals(CryptographicUsageMask.SIGN.value(), priv.attribute(Tag.CRYPTOGRAPHIC_USAGE_MASK).asInt());
    assertEquals(CryptographicUsageMask.VERIFY.value(), pub.attribute(Tag.CRYPTOGRAPHIC_USAGE_MASK).asInt());
    assertEquals(name("private"), priv.attributes("Name").get(0));
    assertEquals(name("public"), pub.attributes("Name").get(0));
  }

  @ParameterizedTest
  @EnumSource(names = {"P_256", "P_384", "P_521"})
  void createKeyPairMakesEcKeysOnTheRecommendedCurve(RecommendedCurve curve) {
    String[] uids = createPair(KmipVersion.V2_1, CryptographicAlgorithm.ECDSA, null, curve,
        CryptographicUsageMask.SIGN.value(), CryptographicUsageMask.VERIFY.value());
    int bits = switch (curve) {
      case P_256 -> 256;
      case P_384 -> 384;
      default -> 521;
    };
    assertEquals(bits, c.base.repository.find(uids[0]).attribute(Tag.CRYPTOGRAPHIC_LENGTH).asInt());
    activate(uids[0]);
    activate(uids[1]);
    CryptographicParameters p = CryptographicParameters.NONE.withHashingAlgorithm(HashingAlgorithm.SHA_256)
        .withCryptographicAlgorithm(CryptographicAlgorithm.ECDSA);
    byte[] signature = sign(uids[0], p, DATA);
    assertEquals(ValidityIndicator.VALID, verify(uids[1], p, DATA, signature));
    assertEquals(ValidityIndicator.INVALID, verify(uids[1], p, hex("ff"), signature));
  }

  @Test
  void createKeyPairForEcWithoutACurveUsesTheLength() {
    String[] uids = createPair(KmipVersion.V1_4, CryptographicAlgorithm.EC, 384, null, 0, 0);
    assertEquals(384, c.base.repository.find(uids[1]).attribute(Tag.CRYPTOGRAPHIC_LENGTH).asInt());
  }

  @Test
  void createKeyPairMakesEd25519KeysThatSignAndVerify() {
    String[] uids = createPair(KmipVersion.V2_1, CryptographicAlgorithm.ED25519, null, null,
        CryptographicUsageMask.SIGN.value(), CryptographicUsageMask.VERIFY.value());
    activate(uids[0]);
    activate(uids[1]);
    byte[] signature = sign(uids[0], null, DATA);
    assertEquals(64, signature.length);
    assertEquals(ValidityIndicator.VALID, verify(uids[1], null, DATA, signature));
  }

  @Test
  void privateAndPublicAttributesOverrideTheCommonOnesAndNamesAddUp() {
    KmipVersion v = KmipVersion.V2_1;
    CreateKeyPairResponse r = CreateKeyPairResponse.decode(c.createKeyPair.handle(new CreateKeyPairRequest(
        List.of(algorithm(CryptographicAlgorithm.RSA), length(2048), usageMask(0), name("both")),
        List.of(usageMask(CryptographicUsageMask.SIGN.value()), name("private")),
        List.of()).encode(v), context(v)));
    ManagedObject priv = c.base.repository.find(r.privateKeyUniqueIdentifier());
    ManagedObject pub = c.base.repository.find(r.publicKeyUniqueIdentifier());
    assertEquals(CryptographicUsageMask.SIGN.value(), priv.attribute(Tag.CRYPTOGRAPHIC_USAGE_MASK).asInt());
    assertEquals(0, pub.attribute(Tag.CRYPTOGRAPHIC_USAGE_MASK).asInt());
    assertEquals(List.of(name("both"), name("private")), priv.attributes("Name"));
    assertEquals(List.of(name("both")), pub.attributes("Name"));
  }

  @Test
  void createKeyPairRefusesWhatItCannotMake() {
    KmipVersion v = KmipVersion.V2_1;
    assertFails(ResultReason.MISSING_DATA, () -> c.createKeyPair.handle(
        new CreateKeyPairRequest(List.of(length(2048)), List.of(), List.of()).encode(v), context(v)));
    assertFails(ResultReason.INVALID_FIELD, () -> c.createKeyPair.handle(
        new CreateKeyPairRequest(List.of(algorithm(CryptographicAlgorithm.RSA), length(1000)), List.of(), List.of()).encode(v),
        context(v)));
    assertFails(ResultReason.FEATURE_NOT_SUPPORTED, () -> c.createKeyPair.handle(
        new CreateKeyPairRequest(List.of(algorithm(CryptographicAlgorithm.DSA), length(2048)), List.of(), List.of()).encode(v),
        context(v)));
    assertFails(ResultReason.INVALID_FIELD, () -> c.createKeyPair.handle(new CreateKeyPairRequest(List.of(length(2048)),
        List.of(algorithm(CryptographicAlgorithm.RSA)), List.of(algorithm(CryptographicAlgorithm.EC))).encode(v), context(v)));
  }

  // ---- RSA PKCS#1 v1.5 with SHA-256, as PyKMIP's scenario signs ----------------------------

  @Test
  void rsaPkcs1v15Sha256SignatureVerifiesWithTheJdk() throws Exception {
    String[] uids = createPair(KmipVersion.V1_2, CryptographicAlgorithm.RSA, 2048, null,
        CryptographicUsageMask.SIGN.value(), CryptographicUsageMask.VERIFY.value());
    activate(uids[0]);
    CryptographicParameters p = CryptographicParameters.NONE.withPaddingMethod(PaddingMethod.PKCS1_V1_5)
        .withHashingAlgorithm(HashingAlgorithm.SHA_256).withCryptographicAlgorithm(CryptographicAlgorithm.RSA);
    byte[] message = "hello keyfed".getBytes(StandardCharsets.UTF_8);
    byte[] signature = sign(uids[0], p, message);

    byte[] spki = publicKeyDer(uids[1]);
    java.security.PublicKey key = java.security.KeyFactory.getInstance("RSA")
        .generatePublic(new java.security.spec.X509EncodedKeySpec(spki));
    java.security.Signature s = java.security.Signature.getInstance("SHA256withRSA");
    s.initVerify(key);
    s.update(message);
    assertTrue(s.verify(signature));

    // The same with the 1.x Digital Signature Algorithm instead of padding and hash.
    CryptographicParameters dsa = CryptographicParameters.NONE
        .withDigitalSignatureAlgorithm(DigitalSignatureAlgorithm.SHA_256_WITH_RSA_ENCRYPTION);
    assertArrayEquals(signature, sign(uids[0], dsa, message), "PKCS#1 v1.5 is deterministic");
  }

  // ---- the rules for using a key -----------------------------------------------------------

  @Test
  void onlyAnActiveKeyProtectsAndAPreActiveOneDoesNothing() {
    String uid = registerAes(ENCRYPT_DECRYPT, false);
    KmipException e = assertFails(ResultReason.WRONG_KEY_LIFECYCLE_STATE, () -> encrypt(uid, DATA));
    assertEquals(ResultReason.PERMISSION_DENIED, ResultReasons.forVersion(e.resultReason(), KmipVersion.V1_4));
    assertFails(ResultReason.WRONG_KEY_LIFECYCLE_STATE, () -> decrypt(uid, DATA));
    activate(uid);
    byte[] ct = encrypt(uid, DATA);
    assertArrayEquals(hex("d9bcce11b0b437b90239552df3a360c9"), ct, "AES-128-ECB, as CS-BC-M-6-14");
    assertArrayEquals(DATA, decrypt(uid, ct));
  }

  @ParameterizedTest
  @EnumSource(names = {"UNSPECIFIED", "KEY_COMPROMISE"})
  void aDeactivatedOrCompromisedKeyStillDecryptsButNoLongerEncrypts(RevocationReasonCode reason) {
    String uid = registerAes(ENCRYPT_DECRYPT, true);
    byte[] ct = encrypt(uid, DATA);
    c.base.revoke.handle(new RevokeRequest(uid, reason, null, null).encode(), context(KmipVersion.V2_1));
    assertNotEquals(State.ACTIVE, c.base.repository.find(uid).state());
    assertFails(ResultReason.WRONG_KEY_LIFECYCLE_STATE, () -> encrypt(uid, DATA));
    assertArrayEquals(DATA, decrypt(uid, ct));
  }

  @Test
  void aDestroyedKeyIsObjectDestroyed() {
    String uid = registerAes(ENCRYPT_DECRYPT, false);
    c.base.destroy.handle(Requests.uid(uid), context(KmipVersion.V2_1));
    assertFails(ResultReason.OBJECT_DESTROYED, () -> decrypt(uid, DATA));
  }

  @Test
  void theUsageMaskMustHaveTheOperationsBit() {
    String uid = registerAes(CryptographicUsageMask.DECRYPT.value(), true);
    KmipException e = assertFails(ResultReason.INCOMPATIBLE_CRYPTOGRAPHIC_USAGE_MASK, () -> encrypt(uid, DATA));
    assertEquals(ResultReason.PERMISSION_DENIED, ResultReasons.forVersion(e.resultReason(), KmipVersion.V1_3));
    assertFails(ResultReason.INCOMPATIBLE_CRYPTOGRAPHIC_USAGE_MASK, () -> mac(uid, DATA));
    decrypt(uid, DATA);
  }

  @Test
  void protectStopAndProcessStartDates() {
    List<Attribute> dates = List.of(
        Attribute.of(Tag.PROTECT_STOP_DATE, Ttlv.dateTime(Tag.PROTECT_STOP_DATE, NOW)),
        Attribute.of(Tag.PROCESS_START_DATE, Ttlv.dateTime(Tag.PROCESS_START_DATE, NOW.plusSeconds(1))));
    String uid = registerAes(ENCRYPT_DECRYPT, true, dates);
    assertFails(ResultReason.WRONG_KEY_LIFECYCLE_STATE, () -> encrypt(uid, DATA));
    assertFails(ResultReason.WRONG_KEY_LIFECYCLE_STATE, () -> decrypt(uid, DATA));
    // A second later the key processes but still does not protect.
    RequestContext later = new RequestContext(Handlers.ALICE, KmipVersion.V2_1, NOW.plusSeconds(1));
    c.decrypt.handle(new DecryptRequest(uid, ecb(), DATA, null, null, null, null).encode(), later);
  }

  @Test
  void anotherClientsKeyIsPermissionDenied() {
    String uid = registerAes(ENCRYPT_DECRYPT, true);
    assertFails(ResultReason.PERMISSION_DENIED, () -> c.encrypt.handle(
        new EncryptRequest(uid, ecb(), DATA, null, null, null).encode(), context(BOB, KmipVersion.V2_1)));
  }

  @Test
  void usageLimitsInBytesCountDownAndThenDeny() {
    String uid = registerAes(ENCRYPT_DECRYPT, true, List.of(usageLimits(40, UsageLimitsUnit.BYTE)));
    encrypt(uid, new byte[16]);
    encrypt(uid, new byte[16]);
    assertEquals(8, usageLimitsCount(uid));
    KmipException e = assertFails(ResultReason.PERMISSION_DENIED, () -> encrypt(uid, new byte[16]));
    assertTrue(e.getMessage().contains("8"), e.getMessage());
    assertEquals(8, usageLimitsCount(uid), "a refused request takes nothing");
    decrypt(uid, new byte[32]);
    assertEquals(8, usageLimitsCount(uid), "processing is not limited");
  }

  @Test
  void usageLimitsInObjectsCountOperationsNotParts() {
    String uid = registerAes(ENCRYPT_DECRYPT, true, List.of(usageLimits(2, UsageLimitsUnit.OBJECT)));
    RequestContext ctx = context(KmipVersion.V1_4);
    EncryptResponse first = EncryptResponse.decode(c.encrypt.handle(
        new EncryptRequest(uid, ecb(), new byte[16], null, StreamFields.init(), null).encode(), ctx));
    c.encrypt.handle(new EncryptRequest(uid, null, new byte[16], null, StreamFields.next(first.correlationValue()), null).encode(), ctx);
    c.encrypt.handle(new EncryptRequest(uid, null, new byte[16], null, StreamFields.last(first.correlationValue()), null).encode(), ctx);
    assertEquals(1, usageLimitsCount(uid));
    encrypt(uid, DATA);
    assertEquals(0, usageLimitsCount(uid));
    assertFails(ResultReason.PERMISSION_DENIED, () -> encrypt(uid, DATA));
  }

  // ---- streaming ----------------------------------------------------------------------------

  @Test
  void aStreamOutlivesTheHandlerInstanceThatOpenedIt() {
    String uid = registerAes(ENCRYPT_DECRYPT, true);
    CryptographicParameters cbc = CryptographicParameters.of(BlockCipherMode.CBC).withPaddingMethod(PaddingMethod.PKCS5);
    byte[] iv = hex("01020304050607080910111213141516");
    EncryptResponse first = EncryptResponse.decode(c.encrypt.handle(new EncryptRequest(uid, cbc.encode(), hex("0102030405060708"),
        iv, StreamFields.init(), null).encode(), context(KmipVersion.V1_4)));
    assertNull(first.data(), "no whole block yet, so no Data (TC-STREAM-ENCDEC-1-14)");
    assertNotNull(first.correlationValue());

    // Another bean instance, as the container may pick one from its pool: same engine, same registry.
    EncryptHandler other = new EncryptHandler();
    other.repository = c.base.repository;
    other.sealer = c.base.sealer;
    other.engine = c.engine;
    EncryptResponse last = EncryptResponse.decode(other.handle(new EncryptRequest(uid, null, hex("0910111213141516"), null,
        StreamFields.last(first.correlationValue()), null).encode(), context(KmipVersion.V1_4)));
    assertNull(last.correlationValue());
    assertEquals(32, last.data().length);
    assertArrayEquals(hex("79abc5c23868ad84d388ce61110a6274"), java.util.Arrays.copyOf(last.data(), 16),
        "TC-STREAM-ENCDEC-1-14's first block");
  }

  @Test
  void aRevokedKeyStopsItsOpenStream() {
    String uid = registerAes(ENCRYPT_DECRYPT, true);
    EncryptResponse first = EncryptResponse.decode(c.encrypt.handle(
        new EncryptRequest(uid, ecb(), new byte[16], null, StreamFields.init(), null).encode(), context(KmipVersion.V1_4)));
    c.base.revoke.handle(new RevokeRequest(uid, RevocationReasonCode.KEY_COMPROMISE, null, null).encode(), context(KmipVersion.V1_4));
    assertFails(ResultReason.WRONG_KEY_LIFECYCLE_STATE, () -> c.encrypt.handle(new EncryptRequest(uid, null, new byte[16], null,
        StreamFields.last(first.correlationValue()), null).encode(), context(KmipVersion.V1_4)));
  }

  @Test
  void hashStreamsAndOneShotAgree() throws Exception {
    CryptographicParameters sha256 = CryptographicParameters.NONE.withHashingAlgorithm(HashingAlgorithm.SHA_256);
    byte[] all = "abcdefgh".getBytes(StandardCharsets.US_ASCII);
    RequestContext ctx = context(KmipVersion.V2_1);
    HashResponse one = HashResponse.decode(c.hash.handle(new HashRequest(sha256.encode(), all, null).encode(), ctx));
    assertArrayEquals(MessageDigest.getInstance("SHA-256").digest(all), one.data());
    HashResponse open = HashResponse.decode(c.hash.handle(
        new HashRequest(sha256.encode(), java.util.Arrays.copyOf(all, 3), StreamFields.init()).encode(), ctx));
    assertNull(open.data());
    HashResponse done = HashResponse.decode(c.hash.handle(new HashRequest(null, java.util.Arrays.copyOfRange(all, 3, 8),
        StreamFields.last(open.correlationValue())).encode(), ctx));
    assertArrayEquals(one.data(), done.data());
    assertFails(ResultReason.INVALID_FIELD, () -> c.hash.handle(new HashRequest(null, all,
        StreamFields.last(open.correlationValue())).encode(), ctx));
  }

  // ---- MAC, RNG -----------------------------------------------------------------------------

  @Test
  void macOfAnHmacKey() throws Exception {
    byte[] key = hex("000102030405060708090a0b0c0d0e0f");
    Ttlv object = Ttlv.structure(Tag.SYMMETRIC_KEY, Ttlv.structure(Tag.KEY_BLOCK,
        Ttlv.enumeration(Tag.KEY_FORMAT_TYPE, io.keyfed.kmip.spec.KeyFormatType.RAW),
        Ttlv.structure(Tag.KEY_VALUE, Ttlv.bytes(Tag.KEY_MATERIAL, key)),
        Ttlv.enumeration(Tag.CRYPTOGRAPHIC_ALGORITHM, CryptographicAlgorithm.HMAC_SHA256),
        Ttlv.integer(Tag.CRYPTOGRAPHIC_LENGTH, 128)));
    String uid = uidOf(c.base.register.handle(Requests.register(KmipVersion.V2_1, ObjectType.SYMMETRIC_KEY,
        List.of(usageMask(CryptographicUsageMask.MAC_GENERATE.value()), activationNow()), object), context(KmipVersion.V2_1)));
    javax.crypto.Mac jdk = javax.crypto.Mac.getInstance("HmacSHA256");
    jdk.init(new javax.crypto.spec.SecretKeySpec(key, "HmacSHA256"));
    assertArrayEquals(jdk.doFinal(DATA), mac(uid, DATA));
  }

  @Test
  void rngRetrieveAndSeed() {
    RequestContext ctx = context(KmipVersion.V1_4);
    byte[] a = RngRetrieve.decodeResponse(c.rngRetrieve.handle(RngRetrieve.encodeRequest(32), ctx));
    byte[] b = RngRetrieve.decodeResponse(c.rngRetrieve.handle(RngRetrieve.encodeRequest(32), ctx));
    assertEquals(32, a.length);
    assertFalse(java.util.Arrays.equals(a, b));
    assertFails(ResultReason.INVALID_FIELD, () -> c.rngRetrieve.handle(RngRetrieve.encodeRequest(-1), ctx));
    assertFails(ResultReason.INVALID_MESSAGE, () -> c.rngRetrieve.handle(null, ctx));
    assertEquals(16, RngSeed.decodeResponse(c.rngSeed.handle(RngSeed.encodeRequest(new byte[16]), ctx)));
  }

  // ---- Re-key ---------------------------------------------------------------------------------

  @Test
  void reKeyWithoutOffsetCopiesTheDatesAndTakesTheNames() {
    Instant activation = NOW.minusSeconds(3600);
    List<Attribute> more = new ArrayList<>(List.of(name("k"), usageLimits(100, UsageLimitsUnit.BYTE),
        Attribute.of(Tag.ACTIVATION_DATE, Ttlv.dateTime(Tag.ACTIVATION_DATE, activation)),
        Attribute.of(Tag.DEACTIVATION_DATE, Ttlv.dateTime(Tag.DEACTIVATION_DATE, NOW.plusSeconds(7200)))));
    String old = registerAes(ENCRYPT_DECRYPT, false, more);
    encrypt(old, new byte[16]);
    assertEquals(84, usageLimitsCount(old));

    RequestContext ctx = context(KmipVersion.V1_4);
    String uid = uidOf(c.reKey.handle(new ReKeyRequest(old, null, List.of(name("k2"))).encode(KmipVersion.V1_4), ctx));
    assertEquals(uid, ctx.idPlaceholder());
    ManagedObject o = c.base.repository.find(uid);
    ManagedObject existing = c.base.repository.find(old);
    assertEquals(State.ACTIVE, o.state());
    assertEquals(activation, o.attribute(Tag.ACTIVATION_DATE).asInstant());
    assertEquals(NOW.plusSeconds(7200), o.attribute(Tag.DEACTIVATION_DATE).asInstant());
    assertEquals(NOW, o.attribute(Tag.INITIAL_DATE).asInstant());
    assertEquals(List.of(name("k"), name("k2")), o.attributes("Name"));
    assertEquals(List.of(), existing.attributes("Name"), "the existing key loses its Names");
    assertEquals(100, usageLimitsCount(uid), "the Count is back at the Total");
    assertEquals(old, KeyPairs.linked(o, LinkType.REPLACED_OBJECT_LINK));
    assertEquals(uid, KeyPairs.linked(existing, LinkType.REPLACEMENT_OBJECT_LINK));
    assertNotEquals(keyOf(old), keyOf(uid));
    assertEquals(16, keyOf(uid).length);
    assertNotEquals(existing.attribute(Tag.DIGEST), o.attribute(Tag.DIGEST));
  }

  @Test
  void reKeyWithOffsetMovesTheDates() {
    Instant activation = NOW.minusSeconds(3600);
    String old = registerAes(ENCRYPT_DECRYPT, false, List.of(
        Attribute.of(Tag.ACTIVATION_DATE, Ttlv.dateTime(Tag.ACTIVATION_DATE, activation)),
        Attribute.of(Tag.PROCESS_START_DATE, Ttlv.dateTime(Tag.PROCESS_START_DATE, activation.plusSeconds(10))),
        Attribute.of(Tag.PROTECT_STOP_DATE, Ttlv.dateTime(Tag.PROTECT_STOP_DATE, activation.plusSeconds(100))),
        Attribute.of(Tag.DEACTIVATION_DATE, Ttlv.dateTime(Tag.DEACTIVATION_DATE, activation.plusSeconds(1000)))));
    String uid = uidOf(c.reKey.handle(new ReKeyRequest(old, 60L, List.of()).encode(KmipVersion.V2_1), context(KmipVersion.V2_1)));
    ManagedObject o = c.base.repository.find(uid);
    Instant at2 = NOW.plusSeconds(60);
    assertEquals(at2, o.attribute(Tag.ACTIVATION_DATE).asInstant(), "AT2 = IT2 + Offset");
    assertEquals(at2.plusSeconds(10), o.attribute(Tag.PROCESS_START_DATE).asInstant(), "CT2 = CT1 + (AT2 - AT1)");
    assertEquals(at2.plusSeconds(100), o.attribute(Tag.PROTECT_STOP_DATE).asInstant());
    assertEquals(at2.plusSeconds(1000), o.attribute(Tag.DEACTIVATION_DATE).asInstant());
    assertEquals(State.PRE_ACTIVE, o.state(), "its Activation Date is a minute away");
  }

  @Test
  void reKeyOfAnythingButASymmetricKeyIsInvalidObjectType() {
    String[] uids = createPair(KmipVersion.V2_1, CryptographicAlgorithm.EC, 256, null, 0, 0);
    KmipException e = assertFails(ResultReason.INVALID_OBJECT_TYPE, () -> c.reKey.handle(
        new ReKeyRequest(uids[0], null, List.of()).encode(KmipVersion.V2_1), context(KmipVersion.V2_1)));
    assertEquals(ResultReason.INVALID_FIELD, ResultReasons.forVersion(e.resultReason(), KmipVersion.V1_4));
  }

  @Test
  void reKeyKeyPairReplacesBothKeysOnTheSameCurve() {
    String[] old = createPair(KmipVersion.V2_1, CryptographicAlgorithm.ECDSA, null, RecommendedCurve.P_384,
        CryptographicUsageMask.SIGN.value(), CryptographicUsageMask.VERIFY.value());
    RequestContext ctx = context(KmipVersion.V2_1);
    ctx.setIdPlaceholder(old[0]);
    CreateKeyPairResponse r = CreateKeyPairResponse.decode(c.reKeyKeyPair.handle(
        new ReKeyKeyPairRequest(null, null, List.of(), List.of(name("new-private")), List.of()).encode(KmipVersion.V2_1), ctx));
    assertEquals(r.privateKeyUniqueIdentifier(), ctx.idPlaceholder());
    ManagedObject priv = c.base.repository.find(r.privateKeyUniqueIdentifier());
    ManagedObject pub = c.base.repository.find(r.publicKeyUniqueIdentifier());
    assertEquals(384, priv.attribute(Tag.CRYPTOGRAPHIC_LENGTH).asInt());
    assertEquals(CryptographicUsageMask.VERIFY.value(), pub.attribute(Tag.CRYPTOGRAPHIC_USAGE_MASK).asInt());
    assertEquals(r.publicKeyUniqueIdentifier(), KeyPairs.linked(priv, LinkType.PUBLIC_KEY_LINK));
    assertEquals(old[0], KeyPairs.linked(priv, LinkType.REPLACED_OBJECT_LINK));
    assertEquals(old[1], KeyPairs.linked(pub, LinkType.REPLACED_OBJECT_LINK));
    assertEquals(r.privateKeyUniqueIdentifier(), KeyPairs.linked(c.base.repository.find(old[0]), LinkType.REPLACEMENT_OBJECT_LINK));
    assertEquals(r.publicKeyUniqueIdentifier(), KeyPairs.linked(c.base.repository.find(old[1]), LinkType.REPLACEMENT_OBJECT_LINK));
    assertEquals(List.of(name("pair-private"), name("new-private")), priv.attributes("Name"));
    assertEquals(List.of(), c.base.repository.find(old[0]).attributes("Name"));
  }

  // ---- helpers ----------------------------------------------------------------------------------

  /** A key pair; returns {private, public}. Names "pair-private" and "pair-public". */
  private String[] createPair(KmipVersion v, CryptographicAlgorithm alg, Integer bits, RecommendedCurve curve,
      int privateMask, int publicMask) {
    List<Attribute> common = new ArrayList<>(List.of(algorithm(alg)));
    if (bits != null) {
      common.add(length(bits));
    }
    if (curve != null) {
      common.add(Attribute.of(Tag.CRYPTOGRAPHIC_DOMAIN_PARAMETERS, Ttlv.structure(Tag.CRYPTOGRAPHIC_DOMAIN_PARAMETERS,
          Ttlv.enumeration(Tag.RECOMMENDED_CURVE, curve))));
    }
    CreateKeyPairResponse r = CreateKeyPairResponse.decode(c.createKeyPair.handle(new CreateKeyPairRequest(common,
        List.of(name("pair-private"), usageMask(privateMask)), List.of(name("pair-public"), usageMask(publicMask))).encode(v),
        context(v)));
    return new String[] {r.privateKeyUniqueIdentifier(), r.publicKeyUniqueIdentifier()};
  }

  private String registerAes(int mask, boolean active) {
    return registerAes(mask, active, List.of());
  }

  private String registerAes(int mask, boolean active, List<Attribute> more) {
    List<Attribute> a = new ArrayList<>(List.of(usageMask(mask)));
    if (active) {
      a.add(activationNow());
    }
    a.addAll(more);
    return uidOf(c.base.register.handle(Requests.register(KmipVersion.V2_1, ObjectType.SYMMETRIC_KEY, a,
        Requests.rawSymmetricKey(AES_KEY)), context(KmipVersion.V2_1)));
  }

  private static Attribute activationNow() {
    return Attribute.of(Tag.ACTIVATION_DATE, Ttlv.dateTime(Tag.ACTIVATION_DATE, NOW));
  }

  private static Attribute usageLimits(long total, UsageLimitsUnit unit) {
    return Attribute.of(Tag.USAGE_LIMITS, Ttlv.structure(Tag.USAGE_LIMITS,
        Ttlv.longInteger(Tag.USAGE_LIMITS_TOTAL, total), Ttlv.enumeration(Tag.USAGE_LIMITS_UNIT, unit)));
  }

  private long usageLimitsCount(String uid) {
    return c.base.repository.find(uid).attribute(Tag.USAGE_LIMITS).child(Tag.USAGE_LIMITS_COUNT).asLong();
  }

  private void activate(String uid) {
    c.base.activate.handle(Requests.uid(uid), context(KmipVersion.V2_1));
  }

  private static Ttlv ecb() {
    return CryptographicParameters.of(BlockCipherMode.ECB).encode();
  }

  private byte[] encrypt(String uid, byte[] data) {
    return EncryptResponse.decode(c.encrypt.handle(new EncryptRequest(uid, ecb(), data, null, null, null).encode(),
        context(KmipVersion.V2_1))).data();
  }

  private byte[] decrypt(String uid, byte[] data) {
    return DecryptResponse.decode(c.decrypt.handle(new DecryptRequest(uid, ecb(), data, null, null, null, null).encode(),
        context(KmipVersion.V2_1))).data();
  }

  private byte[] mac(String uid, byte[] data) {
    return MacResponse.decode(c.mac.handle(new MacRequest(uid, null, data, null).encode(), context(KmipVersion.V2_1))).macData();
  }

  private byte[] sign(String uid, CryptographicParameters p, byte[] data) {
    return SignResponse.decode(c.sign.handle(new SignRequest(uid, p == null ? null : p.encode(), data, null, null).encode(),
        context(KmipVersion.V2_1))).signatureData();
  }

  private ValidityIndicator verify(String uid, CryptographicParameters p, byte[] data, byte[] signature) {
    return SignatureVerifyResponse.decode(c.signatureVerify.handle(new SignatureVerifyRequest(uid, p == null ? null : p.encode(),
        data, null, signature, null).encode(), context(KmipVersion.V2_1))).validityIndicator();
  }

  private byte[] keyOf(String uid) {
    return c.base.storedObject(uid).child(Tag.KEY_BLOCK).child(Tag.KEY_VALUE).child(Tag.KEY_MATERIAL).asBytes();
  }

  /** The Public Key as SubjectPublicKeyInfo, from its stored PKCS#1 RSAPublicKey. */
  private byte[] publicKeyDer(String uid) throws Exception {
    byte[] pkcs1 = keyOf(uid);
    org.bouncycastle.asn1.x509.SubjectPublicKeyInfo spki = new org.bouncycastle.asn1.x509.SubjectPublicKeyInfo(
        new org.bouncycastle.asn1.x509.AlgorithmIdentifier(org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers.rsaEncryption,
            org.bouncycastle.asn1.DERNull.INSTANCE), pkcs1);
    return spki.getEncoded();
  }

  private static byte[] hex(String s) {
    return java.util.HexFormat.of().parseHex(s);
  }
}
