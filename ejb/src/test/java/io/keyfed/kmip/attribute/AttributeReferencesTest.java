package io.keyfed.kmip.attribute;

import static io.keyfed.kmip.attribute.AttributeCodecTest.assertReason;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.keyfed.kmip.spec.KmipVersion;
import io.keyfed.kmip.spec.ResultReason;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.ttlv.Ttlv;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Attribute names in requests (Get Attributes) and responses (Get Attribute List): 1.x Attribute
 * Name text, 2.x Attribute Reference as an Enumeration holding the attribute's tag or as a
 * structure naming a vendor attribute. Internally always the 1.x name.
 */
class AttributeReferencesTest {

  private static final List<String> NAMES = List.of("Cryptographic Algorithm", "Name", "State", "x-ID");

  @Test
  void theTwoFormsDecodeToTheSameNames() {
    Ttlv v1 = Ttlv.structure(Tag.REQUEST_PAYLOAD,
        Ttlv.text(Tag.UNIQUE_IDENTIFIER, "uid"),
        Ttlv.text(Tag.ATTRIBUTE_NAME, "Cryptographic Algorithm"),
        Ttlv.text(Tag.ATTRIBUTE_NAME, "Name"),
        Ttlv.text(Tag.ATTRIBUTE_NAME, "State"),
        Ttlv.text(Tag.ATTRIBUTE_NAME, "x-ID"));
    Ttlv v2 = Ttlv.structure(Tag.REQUEST_PAYLOAD,
        Ttlv.text(Tag.UNIQUE_IDENTIFIER, "uid"),
        Ttlv.enumeration(Tag.ATTRIBUTE_REFERENCE, Tag.CRYPTOGRAPHIC_ALGORITHM.value()),
        Ttlv.enumeration(Tag.ATTRIBUTE_REFERENCE, Tag.NAME.value()),
        Ttlv.enumeration(Tag.ATTRIBUTE_REFERENCE, Tag.STATE.value()),
        Ttlv.structure(Tag.ATTRIBUTE_REFERENCE, Ttlv.text(Tag.VENDOR_IDENTIFICATION, "x"), Ttlv.text(Tag.ATTRIBUTE_NAME, "ID")));
    assertEquals(NAMES, AttributeReferences.decodeAll(v1));
    assertEquals(NAMES, AttributeReferences.decodeAll(v2));
  }

  @Test
  void eachGenerationEncodesItsOwnForm() {
    assertEquals(List.of(
            Ttlv.text(Tag.ATTRIBUTE_NAME, "Cryptographic Algorithm"),
            Ttlv.text(Tag.ATTRIBUTE_NAME, "Name"),
            Ttlv.text(Tag.ATTRIBUTE_NAME, "State"),
            Ttlv.text(Tag.ATTRIBUTE_NAME, "x-ID")),
        AttributeReferences.encodeAll(NAMES, KmipVersion.V1_4));
    assertEquals(List.of(
            Ttlv.enumeration(Tag.ATTRIBUTE_REFERENCE, 0x420028),
            Ttlv.enumeration(Tag.ATTRIBUTE_REFERENCE, 0x420053),
            Ttlv.enumeration(Tag.ATTRIBUTE_REFERENCE, 0x42008D),
            Ttlv.structure(Tag.ATTRIBUTE_REFERENCE, Ttlv.text(Tag.VENDOR_IDENTIFICATION, "x"), Ttlv.text(Tag.ATTRIBUTE_NAME, "ID"))),
        AttributeReferences.encodeAll(NAMES, KmipVersion.V2_1));
  }

  @ParameterizedTest
  @EnumSource(value = KmipVersion.class, names = {"V1_0", "V1_4", "V2_0", "V2_1"})
  void namesRoundTrip(KmipVersion v) {
    List<Ttlv> payload = new ArrayList<>(AttributeReferences.encodeAll(NAMES, v));
    assertEquals(NAMES, AttributeReferences.decodeAll(Ttlv.structure(Tag.RESPONSE_PAYLOAD, payload)));
  }

  @Test
  void aNameTheVersionDoesNotDefineIsLeftOut() {
    List<String> names = List.of("Quantum Safe", "Sensitive", "Certificate Subject", "Cryptographic Length");
    assertEquals(List.of("Sensitive", "Certificate Subject", "Cryptographic Length"), roundTrip(names, KmipVersion.V1_4));
    assertEquals(List.of("Certificate Subject", "Cryptographic Length"), roundTrip(names, KmipVersion.V1_0));
    assertEquals(List.of("Quantum Safe", "Sensitive", "Cryptographic Length"), roundTrip(names, KmipVersion.V2_1));
  }

  @Test
  void aReferenceToAnUnknownTagOrOfTheWrongTypeIsAnInvalidField() {
    assertReason(ResultReason.INVALID_FIELD, () -> AttributeReferences.decode(Ttlv.enumeration(Tag.ATTRIBUTE_REFERENCE, 0x4201FF)));
    assertReason(ResultReason.INVALID_FIELD, () -> AttributeReferences.decode(Ttlv.text(Tag.ATTRIBUTE_REFERENCE, "Name")));
    assertReason(ResultReason.INVALID_FIELD, () -> AttributeReferences.decodeAll(Ttlv.structure(Tag.REQUEST_PAYLOAD,
        Ttlv.integer(Tag.ATTRIBUTE_NAME, 1))));
    assertReason(ResultReason.INVALID_MESSAGE, () -> AttributeReferences.decode(Ttlv.structure(Tag.ATTRIBUTE_REFERENCE,
        Ttlv.text(Tag.ATTRIBUTE_NAME, "ID"))));
  }

  private static List<String> roundTrip(List<String> names, KmipVersion v) {
    return AttributeReferences.decodeAll(Ttlv.structure(Tag.RESPONSE_PAYLOAD, AttributeReferences.encodeAll(names, v)));
  }
}
