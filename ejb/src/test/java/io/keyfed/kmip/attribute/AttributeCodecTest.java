package io.keyfed.kmip.attribute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyfed.kmip.message.KmipException;
import io.keyfed.kmip.spec.CryptographicAlgorithm;
import io.keyfed.kmip.spec.KmipVersion;
import io.keyfed.kmip.spec.NameType;
import io.keyfed.kmip.spec.ResultReason;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.ttlv.Ttlv;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The two wire forms of attributes and the one internal form: a KMIP 1.x Template-Attribute
 * (Attribute Name, Attribute Index, Attribute Value; custom "x-"/"y-" names) and a KMIP 2.x
 * Attributes structure (typed items; Vendor Attributes) decode to the same {@link Attribute} list,
 * and each encodes back for its version, leaving out what the version does not define.
 */
class AttributeCodecTest {

  private static final Ttlv NAME_VALUE_1 = Ttlv.structure(Tag.ATTRIBUTE_VALUE,
      Ttlv.text(Tag.NAME_VALUE, "backup-key"), Ttlv.enumeration(Tag.NAME_TYPE, NameType.UNINTERPRETED_TEXT_STRING));
  private static final Ttlv NAME_VALUE_2 = Ttlv.structure(Tag.ATTRIBUTE_VALUE,
      Ttlv.text(Tag.NAME_VALUE, "urn:keyfed:k1"), Ttlv.enumeration(Tag.NAME_TYPE, NameType.URI));

  /** The attributes as a 1.4 client sends them in a Create. */
  private static final Ttlv V1 = Ttlv.structure(Tag.TEMPLATE_ATTRIBUTE,
      v1("Cryptographic Algorithm", null, Ttlv.enumeration(Tag.ATTRIBUTE_VALUE, CryptographicAlgorithm.AES)),
      v1("Cryptographic Length", null, Ttlv.integer(Tag.ATTRIBUTE_VALUE, 256)),
      v1("Name", null, NAME_VALUE_1),
      v1("Name", 1, NAME_VALUE_2),
      v1("x-ID", null, Ttlv.text(Tag.ATTRIBUTE_VALUE, "abc")),
      v1("y-origin", null, Ttlv.integer(Tag.ATTRIBUTE_VALUE, 7)));

  /** The same attributes as a 2.1 client sends them. */
  private static final Ttlv V2 = Ttlv.structure(Tag.ATTRIBUTES,
      Ttlv.enumeration(Tag.CRYPTOGRAPHIC_ALGORITHM, CryptographicAlgorithm.AES),
      Ttlv.integer(Tag.CRYPTOGRAPHIC_LENGTH, 256),
      NAME_VALUE_1.retag(Tag.NAME),
      NAME_VALUE_2.retag(Tag.NAME),
      vendor("x", "ID", Ttlv.text(Tag.ATTRIBUTE_VALUE, "abc")),
      vendor("y", "origin", Ttlv.integer(Tag.ATTRIBUTE_VALUE, 7)));

  /** The internal form both decode to. */
  private static final List<Attribute> INTERNAL = List.of(
      Attribute.of(Tag.CRYPTOGRAPHIC_ALGORITHM, Ttlv.enumeration(Tag.CRYPTOGRAPHIC_ALGORITHM, CryptographicAlgorithm.AES)),
      Attribute.of(Tag.CRYPTOGRAPHIC_LENGTH, Ttlv.integer(Tag.CRYPTOGRAPHIC_LENGTH, 256)),
      Attribute.of(Tag.NAME, NAME_VALUE_1),
      Attribute.of(Tag.NAME, NAME_VALUE_2),
      new Attribute("x-ID", Ttlv.text(Tag.ATTRIBUTE_VALUE, "abc")),
      new Attribute("y-origin", Ttlv.integer(Tag.ATTRIBUTE_VALUE, 7)));

  @Test
  void bothGenerationsDecodeToTheSameAttributes() {
    assertEquals(INTERNAL, AttributeCodec.fromTemplateAttribute(V1));
    assertEquals(INTERNAL, AttributeCodec.fromAttributes(V2));
  }

  @Test
  void theInternalFormNamesStandardAttributesByTagAndCustomOnesByName() {
    Attribute alg = INTERNAL.get(0);
    assertEquals("Cryptographic Algorithm", alg.name());
    assertEquals(Tag.CRYPTOGRAPHIC_ALGORITHM, alg.tag());
    assertFalse(alg.isCustom());
    assertTrue(alg.is(Tag.CRYPTOGRAPHIC_ALGORITHM));
    Attribute id = INTERNAL.get(4);
    assertTrue(id.isCustom());
    assertNull(id.tag());
    assertEquals("x", id.vendorIdentification());
    assertEquals("ID", id.vendorAttributeName());
  }

  @Test
  void eachGenerationEncodesItsOwnForm() {
    assertEquals(V1, AttributeCodec.toTemplateAttribute(Tag.TEMPLATE_ATTRIBUTE, INTERNAL, KmipVersion.V1_4));
    assertEquals(V2, AttributeCodec.toAttributes(Tag.ATTRIBUTES, INTERNAL, KmipVersion.V2_1));
    assertEquals(V1, AttributeCodec.toResponse(INTERNAL, KmipVersion.V1_2, Tag.TEMPLATE_ATTRIBUTE, Tag.ATTRIBUTES));
    assertEquals(V2, AttributeCodec.toResponse(INTERNAL, KmipVersion.V2_0, Tag.TEMPLATE_ATTRIBUTE, Tag.ATTRIBUTES));
  }

  @Test
  void aRequestPayloadCarriesEitherForm() {
    assertEquals(INTERNAL, AttributeCodec.fromRequest(Ttlv.structure(Tag.REQUEST_PAYLOAD, V1), Tag.TEMPLATE_ATTRIBUTE, Tag.ATTRIBUTES));
    assertEquals(INTERNAL, AttributeCodec.fromRequest(Ttlv.structure(Tag.REQUEST_PAYLOAD, V2), Tag.TEMPLATE_ATTRIBUTE, Tag.ATTRIBUTES));
    assertEquals(List.of(), AttributeCodec.fromRequest(Ttlv.structure(Tag.REQUEST_PAYLOAD, List.of()), Tag.TEMPLATE_ATTRIBUTE, Tag.ATTRIBUTES));
  }

  @Test
  void everyVersionWritesOnlyAttributeIndicesAboveZero() {
    List<Ttlv> v10 = AttributeCodec.toV1List(INTERNAL, KmipVersion.V1_0);
    List<Ttlv> v11 = AttributeCodec.toV1List(INTERNAL, KmipVersion.V1_1);
    for (int i = 0; i < INTERNAL.size(); i++) {
      int expectedIndex = i == 3 ? 1 : 0; // the second Name
      // 1.0 too: it assumes 0 when absent, and the OASIS 1.0 test cases send none (AttributeCodec).
      Ttlv index10 = v10.get(i).child(Tag.ATTRIBUTE_INDEX);
      assertEquals(expectedIndex == 0 ? null : expectedIndex, index10 == null ? null : index10.asInt());
      Ttlv index = v11.get(i).child(Tag.ATTRIBUTE_INDEX);
      assertEquals(expectedIndex == 0 ? null : expectedIndex, index == null ? null : index.asInt());
    }
    // And both read back the same.
    assertEquals(INTERNAL, AttributeCodec.fromTemplateAttribute(Ttlv.structure(Tag.TEMPLATE_ATTRIBUTE, v10)));
  }

  @ParameterizedTest
  @EnumSource(value = KmipVersion.class, names = {"V1_0", "V1_1", "V1_2", "V1_3", "V1_4", "V2_0", "V2_1"})
  void theRoundTripOfEveryVersionKeepsTheAttributes(KmipVersion v) {
    Ttlv wire = AttributeCodec.toResponse(INTERNAL, v, Tag.TEMPLATE_ATTRIBUTE, Tag.ATTRIBUTES);
    List<Attribute> back = v.atLeast(KmipVersion.V2_0)
        ? AttributeCodec.fromAttributes(wire)
        : AttributeCodec.fromTemplateAttribute(wire);
    assertEquals(INTERNAL, back);
  }

  @Test
  void anAttributeTheClientsVersionDoesNotDefineIsLeftOut() {
    Attribute quantumSafe = Attribute.of(Tag.QUANTUM_SAFE, Ttlv.bool(Tag.QUANTUM_SAFE, true)); // 2.0
    Attribute sensitive = Attribute.of(Tag.SENSITIVE, Ttlv.bool(Tag.SENSITIVE, true)); // 1.4
    Attribute subject = Attribute.of(Tag.CERTIFICATE_SUBJECT, Ttlv.structure(Tag.CERTIFICATE_SUBJECT,
        Ttlv.text(Tag.CERTIFICATE_SUBJECT_DISTINGUISHED_NAME, "CN=a"))); // 1.0, removed in 2.0
    Attribute length = INTERNAL.get(1);
    Attribute custom = INTERNAL.get(4);
    List<Attribute> all = List.of(quantumSafe, length, sensitive, subject, custom);

    assertEquals(List.of(length, sensitive, subject, custom),
        AttributeCodec.fromTemplateAttribute(AttributeCodec.toTemplateAttribute(Tag.TEMPLATE_ATTRIBUTE, all, KmipVersion.V1_4)));
    assertEquals(List.of(length, subject, custom),
        AttributeCodec.fromTemplateAttribute(AttributeCodec.toTemplateAttribute(Tag.TEMPLATE_ATTRIBUTE, all, KmipVersion.V1_3)));
    assertEquals(List.of(quantumSafe, length, sensitive, custom),
        AttributeCodec.fromAttributes(AttributeCodec.toAttributes(Tag.ATTRIBUTES, all, KmipVersion.V2_1)));
  }

  @Test
  void anIndexIsCountedAmongTheValuesSentNotAmongAllValues() {
    Attribute first = Attribute.of(Tag.NAME, NAME_VALUE_1);
    Attribute second = Attribute.of(Tag.NAME, NAME_VALUE_2);
    Attribute quantumSafe = Attribute.of(Tag.QUANTUM_SAFE, Ttlv.bool(Tag.QUANTUM_SAFE, true));
    List<Ttlv> v1 = AttributeCodec.toV1List(List.of(first, quantumSafe, second), KmipVersion.V1_0);
    assertEquals(2, v1.size());
    assertEquals(1, v1.get(1).child(Tag.ATTRIBUTE_INDEX).asInt());
  }

  // ---- refusals -----------------------------------------------------------------------------

  @Test
  void anUnknownAttributeNameIsAnInvalidField() {
    assertReason(ResultReason.INVALID_FIELD, () -> AttributeCodec.fromV1(v1("Colour", null, Ttlv.text(Tag.ATTRIBUTE_VALUE, "red"))));
    assertReason(ResultReason.INVALID_FIELD, () -> AttributeCodec.fromV1(v1("x-", null, Ttlv.text(Tag.ATTRIBUTE_VALUE, "red"))));
    assertReason(ResultReason.INVALID_FIELD, () -> AttributeCodec.fromAttributes(Ttlv.structure(Tag.ATTRIBUTES, Ttlv.text(0x4201FF, "?"))));
  }

  @Test
  void aValueOfTheWrongTypeIsAnInvalidField() {
    assertReason(ResultReason.INVALID_FIELD,
        () -> AttributeCodec.fromV1(v1("Cryptographic Length", null, Ttlv.text(Tag.ATTRIBUTE_VALUE, "256"))));
    assertReason(ResultReason.INVALID_FIELD,
        () -> AttributeCodec.fromAttributes(Ttlv.structure(Tag.ATTRIBUTES, Ttlv.longInteger(Tag.CRYPTOGRAPHIC_LENGTH, 256))));
    assertReason(ResultReason.INVALID_FIELD,
        () -> AttributeCodec.fromV1(Ttlv.structure(Tag.ATTRIBUTE, Ttlv.integer(Tag.ATTRIBUTE_NAME, 1), Ttlv.integer(Tag.ATTRIBUTE_VALUE, 1))));
    assertReason(ResultReason.INVALID_FIELD, () -> AttributeCodec.fromAttributes(Ttlv.text(Tag.ATTRIBUTES, "all")));
    assertReason(ResultReason.INVALID_FIELD,
        () -> AttributeCodec.fromAttributes(Ttlv.structure(Tag.ATTRIBUTES, Ttlv.text(Tag.ATTRIBUTE, "a vendor attribute?"))));
  }

  @Test
  void incompleteAttributesAreInvalidMessages() {
    assertReason(ResultReason.INVALID_MESSAGE,
        () -> AttributeCodec.fromV1(Ttlv.structure(Tag.ATTRIBUTE, Ttlv.text(Tag.ATTRIBUTE_NAME, "Cryptographic Length"))));
    assertReason(ResultReason.INVALID_MESSAGE,
        () -> AttributeCodec.fromV1(Ttlv.structure(Tag.ATTRIBUTE, Ttlv.integer(Tag.ATTRIBUTE_VALUE, 1))));
    assertReason(ResultReason.INVALID_MESSAGE, () -> AttributeCodec.fromAttributes(Ttlv.structure(Tag.ATTRIBUTES,
        Ttlv.structure(Tag.ATTRIBUTE, Ttlv.text(Tag.ATTRIBUTE_NAME, "ID"), Ttlv.text(Tag.ATTRIBUTE_VALUE, "abc")))));
  }

  @Test
  void aTemplateReferenceIsNotSupported() {
    Ttlv withTemplate = Ttlv.structure(Tag.TEMPLATE_ATTRIBUTE,
        Ttlv.structure(Tag.NAME, Ttlv.text(Tag.NAME_VALUE, "template-1"), Ttlv.enumeration(Tag.NAME_TYPE, NameType.UNINTERPRETED_TEXT_STRING)));
    assertReason(ResultReason.FEATURE_NOT_SUPPORTED, () -> AttributeCodec.fromTemplateAttribute(withTemplate));
  }

  // ---- helpers ------------------------------------------------------------------------------

  static Ttlv v1(String name, Integer index, Ttlv value) {
    return index == null
        ? Ttlv.structure(Tag.ATTRIBUTE, Ttlv.text(Tag.ATTRIBUTE_NAME, name), value)
        : Ttlv.structure(Tag.ATTRIBUTE, Ttlv.text(Tag.ATTRIBUTE_NAME, name), Ttlv.integer(Tag.ATTRIBUTE_INDEX, index), value);
  }

  static Ttlv vendor(String vendor, String name, Ttlv value) {
    return Ttlv.structure(Tag.ATTRIBUTE,
        Ttlv.text(Tag.VENDOR_IDENTIFICATION, vendor), Ttlv.text(Tag.ATTRIBUTE_NAME, name), value);
  }

  static void assertReason(ResultReason reason, Runnable r) {
    KmipException e = assertThrows(KmipException.class, r::run);
    assertEquals(reason, e.resultReason(), e.getMessage());
  }
}
