package io.keyfed.application.operation;

import static io.keyfed.application.operation.Handlers.NOW;
import static io.keyfed.application.operation.Handlers.context;
import static io.keyfed.application.operation.Requests.algorithm;
import static io.keyfed.application.operation.Requests.assertFails;
import static io.keyfed.application.operation.Requests.createAes;
import static io.keyfed.application.operation.Requests.custom;
import static io.keyfed.application.operation.Requests.length;
import static io.keyfed.application.operation.Requests.uidOf;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.keyfed.application.RequestContext;
import io.keyfed.domain.object.ManagedObject;
import io.keyfed.kmip.attribute.Attribute;
import io.keyfed.kmip.spec.CryptographicAlgorithm;
import io.keyfed.kmip.spec.HashingAlgorithm;
import io.keyfed.kmip.spec.KeyCompressionType;
import io.keyfed.kmip.spec.KeyFormatType;
import io.keyfed.kmip.spec.KmipVersion;
import io.keyfed.kmip.spec.ObjectType;
import io.keyfed.kmip.spec.ResultReason;
import io.keyfed.kmip.spec.State;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.ttlv.Ttlv;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Create, Register and Get (KMIP 1.4 §4.1, §4.3, §4.11; 2.1 §6.1.9, §6.1.43, §6.1.24). */
class CreateRegisterGetTest {

  private final Handlers h = new Handlers();

  // ---- Create -------------------------------------------------------------------------------

  @ParameterizedTest(name = "AES-{0} from a {1} client")
  @CsvSource({"128, V1_4", "192, V1_4", "256, V1_4", "128, V2_1", "192, V2_0", "256, V2_1", "128, V1_0"})
  void createGeneratesAnAesKey(int bits, KmipVersion v) throws Exception {
    RequestContext ctx = context(v);
    Ttlv response = h.create.handle(createAes(v, bits, Requests.name("k")), ctx);

    String uid = uidOf(response);
    assertEquals(ObjectType.SYMMETRIC_KEY.value(), response.child(Tag.OBJECT_TYPE).asInt());
    assertNull(response.child(Tag.TEMPLATE_ATTRIBUTE), "no implicit attributes to report");
    assertEquals(uid, ctx.idPlaceholder());

    ManagedObject o = h.repository.find(uid);
    assertEquals("alice", o.owner());
    assertEquals(State.PRE_ACTIVE, o.state());
    assertEquals(NOW, o.attribute(Tag.INITIAL_DATE).asInstant());
    assertEquals(bits, o.attribute(Tag.CRYPTOGRAPHIC_LENGTH).asInt());
    assertEquals(Requests.name("k"), o.attributes("Name").get(0));

    Ttlv keyBlock = h.storedObject(uid).child(Tag.KEY_BLOCK);
    assertEquals(KeyFormatType.RAW.value(), keyBlock.child(Tag.KEY_FORMAT_TYPE).asInt());
    assertEquals(CryptographicAlgorithm.AES.value(), keyBlock.child(Tag.CRYPTOGRAPHIC_ALGORITHM).asInt());
    assertEquals(bits, keyBlock.child(Tag.CRYPTOGRAPHIC_LENGTH).asInt());
    byte[] key = keyBlock.child(Tag.KEY_VALUE).child(Tag.KEY_MATERIAL).asBytes();
    assertEquals(bits / 8, key.length);

    Ttlv digest = o.attribute(Tag.DIGEST);
    assertEquals(HashingAlgorithm.SHA_256.value(), digest.child(Tag.HASHING_ALGORITHM).asInt());
    assertArrayEquals(MessageDigest.getInstance("SHA-256").digest(key), digest.child(Tag.DIGEST_VALUE).asBytes());
  }

  @Test
  void twoCreatesMakeTwoDifferentKeys() {
    String a = uidOf(h.create.handle(createAes(KmipVersion.V2_1, 128), context(KmipVersion.V2_1)));
    String b = uidOf(h.create.handle(createAes(KmipVersion.V2_1, 128), context(KmipVersion.V2_1)));
    assertNotEqualsBytes(keyOf(a), keyOf(b));
  }

  @Test
  void createWithAnActivationDateInThePastMakesAnActiveKey() {
    Attribute activation = Attribute.of(Tag.ACTIVATION_DATE, Ttlv.dateTime(Tag.ACTIVATION_DATE, NOW.minusSeconds(60)));
    String uid = uidOf(h.create.handle(createAes(KmipVersion.V1_4, 128, activation), context(KmipVersion.V1_4)));
    assertEquals(State.ACTIVE, h.repository.find(uid).state());
  }

  @ParameterizedTest
  @EnumSource(value = KmipVersion.class, names = {"V1_4", "V2_1"})
  void createWithoutAlgorithmOrLengthIsMissingData(KmipVersion v) {
    assertFails(ResultReason.MISSING_DATA,
        () -> h.create.handle(Requests.create(v, ObjectType.SYMMETRIC_KEY, List.of(length(128))), context(v)));
    assertFails(ResultReason.MISSING_DATA,
        () -> h.create.handle(Requests.create(v, ObjectType.SYMMETRIC_KEY, List.of(algorithm(CryptographicAlgorithm.AES))), context(v)));
    assertFails(ResultReason.MISSING_DATA,
        () -> h.create.handle(Ttlv.structure(Tag.REQUEST_PAYLOAD, Ttlv.enumeration(Tag.OBJECT_TYPE, ObjectType.SYMMETRIC_KEY)), context(v)));
    assertEquals(0, h.repository.size());
  }

  @ParameterizedTest
  @ValueSource(ints = {100, 0, 64, 512, -128})
  void createOfAnAesKeyOfAnotherLengthIsAnInvalidField(int bits) {
    assertFails(ResultReason.INVALID_FIELD, () -> h.create.handle(createAes(KmipVersion.V1_4, bits), context(KmipVersion.V1_4)));
  }

  @Test
  void createOfAnotherObjectTypeOrAlgorithmIsNotSupported() {
    assertFails(ResultReason.FEATURE_NOT_SUPPORTED, () -> h.create.handle(
        Requests.create(KmipVersion.V2_1, ObjectType.SECRET_DATA, List.of(algorithm(CryptographicAlgorithm.AES), length(128))),
        context(KmipVersion.V2_1)));
    assertFails(ResultReason.FEATURE_NOT_SUPPORTED, () -> h.create.handle(
        Requests.create(KmipVersion.V1_4, ObjectType.SYMMETRIC_KEY, List.of(algorithm(CryptographicAlgorithm.DES), length(64))),
        context(KmipVersion.V1_4)));
  }

  @Test
  void createRefusesWhatOnlyTheServerSets() {
    Attribute state = Attribute.of(Tag.STATE, Ttlv.enumeration(Tag.STATE, State.ACTIVE));
    assertFails(ResultReason.INVALID_FIELD, () -> h.create.handle(createAes(KmipVersion.V1_4, 128, state), context(KmipVersion.V1_4)));
    assertFails(ResultReason.INVALID_MESSAGE, () -> h.create.handle(Ttlv.structure(Tag.REQUEST_PAYLOAD, List.of()), context(KmipVersion.V1_4)));
    assertFails(ResultReason.INVALID_FIELD, () -> h.create.handle(Ttlv.structure(Tag.REQUEST_PAYLOAD,
        Ttlv.enumeration(Tag.OBJECT_TYPE, 0x7777)), context(KmipVersion.V1_4)));
  }

  // ---- Register -----------------------------------------------------------------------------

  @Test
  void registerARawSymmetricKey() throws Exception {
    byte[] key = bytes(16, 0x11);
    Ttlv object = Requests.rawSymmetricKey(key);
    RequestContext ctx = context(KmipVersion.V1_4);
    String uid = uidOf(h.register.handle(Requests.register(KmipVersion.V1_4, ObjectType.SYMMETRIC_KEY,
        List.of(Requests.name("imported")), object), ctx));

    assertEquals(uid, ctx.idPlaceholder());
    assertEquals(object, h.storedObject(uid));
    ManagedObject o = h.repository.find(uid);
    assertEquals(ObjectType.SYMMETRIC_KEY, o.objectType());
    assertEquals(State.PRE_ACTIVE, o.state());
    // The Key Block's algorithm and length become attributes; the digest is computed.
    assertEquals(algorithm(CryptographicAlgorithm.AES), o.attributes("Cryptographic Algorithm").get(0));
    assertEquals(length(128), o.attributes("Cryptographic Length").get(0));
    assertArrayEquals(MessageDigest.getInstance("SHA-256").digest(key), o.attribute(Tag.DIGEST).child(Tag.DIGEST_VALUE).asBytes());
  }

  @Test
  void registerATransparentSymmetricKeyFromA2xClient() {
    byte[] key = bytes(32, 0x22);
    Ttlv object = Requests.transparentSymmetricKey(key);
    String uid = uidOf(h.register.handle(Requests.register(KmipVersion.V2_1, ObjectType.SYMMETRIC_KEY,
        List.of(length(256)), object), context(KmipVersion.V2_1)));
    assertEquals(object, h.storedObject(uid));
    // The client's own Cryptographic Length is kept, not doubled by the Key Block's.
    assertEquals(1, h.repository.find(uid).attributes("Cryptographic Length").size());
  }

  @Test
  void registerSecretData() {
    Ttlv object = Requests.secretData("correct horse battery staple".getBytes());
    String uid = uidOf(h.register.handle(Requests.register(KmipVersion.V1_2, ObjectType.SECRET_DATA, List.of(), object),
        context(KmipVersion.V1_2)));
    assertEquals(object, h.storedObject(uid));
    assertEquals(ObjectType.SECRET_DATA, h.repository.find(uid).objectType());
    assertNull(h.repository.find(uid).attribute(Tag.CRYPTOGRAPHIC_ALGORITHM));
  }

  @Test
  void registerMovesKmip1xAttributesOutOfTheKeyValue() {
    byte[] key = bytes(16, 0x33);
    Ttlv inKeyValue = Requests.rawSymmetricKey(key,
        Ttlv.structure(Tag.ATTRIBUTE, Ttlv.text(Tag.ATTRIBUTE_NAME, "Cryptographic Usage Mask"), Ttlv.integer(Tag.ATTRIBUTE_VALUE, 12)),
        Ttlv.structure(Tag.ATTRIBUTE, Ttlv.text(Tag.ATTRIBUTE_NAME, "x-note"), Ttlv.text(Tag.ATTRIBUTE_VALUE, "from the HSM")));
    String uid = uidOf(h.register.handle(Requests.register(KmipVersion.V1_0, ObjectType.SYMMETRIC_KEY, List.of(), inKeyValue),
        context(KmipVersion.V1_0)));

    // Stored as a 2.x client would have sent it: nothing but the key material in the Key Value.
    assertEquals(Requests.rawSymmetricKey(key), h.storedObject(uid));
    ManagedObject o = h.repository.find(uid);
    assertEquals(Requests.usageMask(12), o.attributes("Cryptographic Usage Mask").get(0));
    assertEquals(custom("x-note", "from the HSM"), o.attributes("x-note").get(0));
  }

  @Test
  void registerRefusals() {
    KmipVersion v = KmipVersion.V1_4;
    assertFails(ResultReason.INVALID_MESSAGE, () -> h.register.handle(Ttlv.structure(Tag.REQUEST_PAYLOAD,
        Ttlv.enumeration(Tag.OBJECT_TYPE, ObjectType.SYMMETRIC_KEY)), context(v)));
    assertFails(ResultReason.INVALID_MESSAGE, () -> h.register.handle(Requests.register(v, ObjectType.SYMMETRIC_KEY, List.of(),
        Ttlv.structure(Tag.SYMMETRIC_KEY, List.of())), context(v)));
    // A Template is a 1.x object: a 2.x client cannot register one; PGP Keys arrived in 1.2.
    assertFails(ResultReason.INVALID_OBJECT_TYPE, () -> h.register.handle(Requests.register(KmipVersion.V2_1,
        ObjectType.TEMPLATE, List.of(), Ttlv.structure(Tag.TEMPLATE, List.of())), context(KmipVersion.V2_1)));
    assertFails(ResultReason.INVALID_OBJECT_TYPE, () -> h.register.handle(Requests.register(KmipVersion.V1_1,
        ObjectType.PGP_KEY, List.of(), Ttlv.structure(Tag.PGP_KEY, List.of())), context(KmipVersion.V1_1)));
    Attribute uid = Attribute.of(Tag.UNIQUE_IDENTIFIER, Ttlv.text(Tag.UNIQUE_IDENTIFIER, "mine"));
    assertFails(ResultReason.INVALID_FIELD, () -> h.register.handle(Requests.register(v, ObjectType.SYMMETRIC_KEY, List.of(uid),
        Requests.rawSymmetricKey(bytes(16, 1))), context(v)));
    assertEquals(0, h.repository.size());
  }

  // ---- Get ----------------------------------------------------------------------------------

  @Test
  void getReturnsTheObjectAsStored() {
    String uid = uidOf(h.create.handle(createAes(KmipVersion.V1_4, 256), context(KmipVersion.V1_4)));
    RequestContext ctx = context(KmipVersion.V1_4);
    Ttlv response = h.get.handle(Requests.get(uid, null), ctx);
    assertEquals(ObjectType.SYMMETRIC_KEY.value(), response.child(Tag.OBJECT_TYPE).asInt());
    assertEquals(uid, uidOf(response));
    assertEquals(h.storedObject(uid), response.child(Tag.SYMMETRIC_KEY));
    assertEquals(uid, ctx.idPlaceholder());
  }

  @Test
  void getConvertsRawToTransparentSymmetricKeyAndBack() {
    String uid = uidOf(h.create.handle(createAes(KmipVersion.V2_1, 192), context(KmipVersion.V2_1)));
    byte[] key = keyOf(uid);

    Ttlv transparent = h.get.handle(Requests.get(uid, KeyFormatType.TRANSPARENT_SYMMETRIC_KEY), context(KmipVersion.V2_1))
        .child(Tag.SYMMETRIC_KEY);
    Ttlv kb = transparent.child(Tag.KEY_BLOCK);
    assertEquals(KeyFormatType.TRANSPARENT_SYMMETRIC_KEY.value(), kb.child(Tag.KEY_FORMAT_TYPE).asInt());
    assertArrayEquals(key, kb.child(Tag.KEY_VALUE).child(Tag.KEY_MATERIAL).child(Tag.KEY).asBytes());
    assertEquals(192, kb.child(Tag.CRYPTOGRAPHIC_LENGTH).asInt());

    Ttlv raw = h.get.handle(Requests.get(uid, KeyFormatType.RAW), context(KmipVersion.V2_1)).child(Tag.SYMMETRIC_KEY);
    assertEquals(h.storedObject(uid), raw);

    // And a key registered in Transparent Symmetric Key format comes out Raw when asked.
    String tsk = uidOf(h.register.handle(Requests.register(KmipVersion.V1_4, ObjectType.SYMMETRIC_KEY, List.of(),
        Requests.transparentSymmetricKey(key)), context(KmipVersion.V1_4)));
    Ttlv asRaw = h.get.handle(Requests.get(tsk, KeyFormatType.RAW), context(KmipVersion.V1_4)).child(Tag.SYMMETRIC_KEY);
    assertEquals(raw, asRaw);
    assertEquals(Requests.transparentSymmetricKey(key),
        h.get.handle(Requests.get(tsk, KeyFormatType.TRANSPARENT_SYMMETRIC_KEY), context(KmipVersion.V1_4)).child(Tag.SYMMETRIC_KEY));
  }

  @Test
  void getRefusesConversionsAndFeaturesItLacks() {
    String secret = uidOf(h.register.handle(Requests.register(KmipVersion.V2_1, ObjectType.SECRET_DATA, List.of(),
        Requests.secretData(new byte[] {1, 2})), context(KmipVersion.V2_1)));
    assertFails(ResultReason.KEY_FORMAT_TYPE_NOT_SUPPORTED,
        () -> h.get.handle(Requests.get(secret, KeyFormatType.TRANSPARENT_SYMMETRIC_KEY), context(KmipVersion.V2_1)));
    String key = uidOf(h.create.handle(createAes(KmipVersion.V2_1, 128), context(KmipVersion.V2_1)));
    assertFails(ResultReason.KEY_FORMAT_TYPE_NOT_SUPPORTED,
        () -> h.get.handle(Requests.get(key, KeyFormatType.PKCS_8), context(KmipVersion.V2_1)));
    assertFails(ResultReason.KEY_COMPRESSION_TYPE_NOT_SUPPORTED, () -> h.get.handle(Ttlv.structure(Tag.REQUEST_PAYLOAD,
        Ttlv.text(Tag.UNIQUE_IDENTIFIER, key),
        Ttlv.enumeration(Tag.KEY_COMPRESSION_TYPE, KeyCompressionType.EC_PUBLIC_KEY_TYPE_UNCOMPRESSED)), context(KmipVersion.V2_1)));
    assertFails(ResultReason.FEATURE_NOT_SUPPORTED, () -> h.get.handle(Ttlv.structure(Tag.REQUEST_PAYLOAD,
        Ttlv.text(Tag.UNIQUE_IDENTIFIER, key),
        Ttlv.structure(Tag.KEY_WRAPPING_SPECIFICATION, Ttlv.enumeration(Tag.WRAPPING_METHOD, 1))), context(KmipVersion.V2_1)));
  }

  @Test
  void getFindsOnlyTheCallersLiveObjects() {
    String uid = uidOf(h.create.handle(createAes(KmipVersion.V2_1, 128), context(KmipVersion.V2_1)));
    assertFails(ResultReason.OBJECT_NOT_FOUND, () -> h.get.handle(Requests.get("no-such-object", null), context(KmipVersion.V2_1)));
    assertFails(ResultReason.PERMISSION_DENIED,
        () -> h.get.handle(Requests.get(uid, null), Handlers.context(Handlers.BOB, KmipVersion.V2_1)));
    assertFails(ResultReason.MISSING_DATA, () -> h.get.handle(Requests.get(null, null), context(KmipVersion.V2_1)));

    RequestContext ctx = context(KmipVersion.V2_1);
    ctx.setIdPlaceholder(uid);
    assertEquals(uid, uidOf(h.get.handle(Requests.get(null, null), ctx)));
    assertEquals(uid, uidOf(h.get.handle(null, ctx)));

    h.destroy.handle(Requests.uid(uid), context(KmipVersion.V2_1));
    assertFails(ResultReason.OBJECT_DESTROYED, () -> h.get.handle(Requests.get(uid, null), context(KmipVersion.V2_1)));
  }

  // ---- helpers ------------------------------------------------------------------------------

  private byte[] keyOf(String uid) {
    return h.storedObject(uid).child(Tag.KEY_BLOCK).child(Tag.KEY_VALUE).child(Tag.KEY_MATERIAL).asBytes();
  }

  private static byte[] bytes(int n, int value) {
    byte[] b = new byte[n];
    Arrays.fill(b, (byte) value);
    return b;
  }

  private static void assertNotEqualsBytes(byte[] a, byte[] b) {
    assertNotNull(a);
    assertFalse(Arrays.equals(a, b), "two generated keys are equal");
  }
}
