package io.keyfed.kmip.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TagTest {

  /** Values checked against KMIP 1.4 §9.1.3.1 Table 288 and KMIP 2.1 §11.56 Table 487. */
  @Test
  void knownValues() {
    assertEquals(0x420001, Tag.ACTIVATION_DATE.value());
    assertEquals(0x420094, Tag.UNIQUE_IDENTIFIER.value());
    assertEquals(0x420069, Tag.PROTOCOL_VERSION.value());
    assertEquals(0x42006A, Tag.PROTOCOL_VERSION_MAJOR.value());
    assertEquals(0x42006B, Tag.PROTOCOL_VERSION_MINOR.value());
    assertEquals(0x420078, Tag.REQUEST_MESSAGE.value());
    assertEquals(0x42007B, Tag.RESPONSE_MESSAGE.value());
    assertEquals(0x42000F, Tag.BATCH_ITEM.value());
    assertEquals(0x42002C, Tag.CRYPTOGRAPHIC_USAGE_MASK.value());
    assertEquals(0x420125, Tag.ATTRIBUTES.value());
    assertEquals(0x420091, Tag.TEMPLATE_ATTRIBUTE.value());
    assertEquals(0x420176, Tag.ASYNCHRONOUS_CORRELATION_VALUES.value());
  }

  @Test
  void namesAndTypes() {
    assertEquals("Activation Date", Tag.ACTIVATION_DATE.specName());
    assertEquals("ActivationDate", Tag.ACTIVATION_DATE.xmlName());
    assertSame(ItemType.DATE_TIME, Tag.ACTIVATION_DATE.type());
    assertSame(ItemType.STRUCTURE, Tag.PROTOCOL_VERSION.type());
    assertSame(ItemType.INTEGER, Tag.PROTOCOL_VERSION_MAJOR.type());
    assertSame(ItemType.ENUMERATION, Tag.OBJECT_TYPE.type());
    assertNull(Tag.ATTRIBUTE_VALUE.type(), "varies with the attribute");
    assertEquals("IVCounterNonce", Tag.IV_COUNTER_NONCE.xmlName());
    assertEquals("X_509CertificateIdentifier", Tag.X_509_CERTIFICATE_IDENTIFIER.xmlName());
    assertEquals("PKCS_11Function", Tag.PKCS_11_FUNCTION.xmlName());
    assertEquals("MACSignatureKeyInformation", Tag.MAC_SIGNATURE_KEY_INFORMATION.xmlName());
  }

  @Test
  void typesThatChangedBetweenVersions() {
    assertNull(Tag.ASYNCHRONOUS_INDICATOR.type());
    assertSame(ItemType.BOOLEAN, Tag.ASYNCHRONOUS_INDICATOR.typeIn(KmipVersion.V1_4));
    assertSame(ItemType.ENUMERATION, Tag.ASYNCHRONOUS_INDICATOR.typeIn(KmipVersion.V2_0));
    assertSame(ItemType.TEXT_STRING, Tag.UNIQUE_IDENTIFIER.typeIn(KmipVersion.V1_4));
    assertEquals(List.of(ItemType.TEXT_STRING, ItemType.ENUMERATION, ItemType.INTEGER),
        Tag.UNIQUE_IDENTIFIER.typesIn(KmipVersion.V2_1));
    assertEquals(List.of(), Tag.TEMPLATE_ATTRIBUTE.typesIn(KmipVersion.V2_0));
  }

  @Test
  void versions() {
    assertSame(KmipVersion.V2_0, Tag.ATTRIBUTES.since());
    assertFalse(Tag.ATTRIBUTES.definedIn(KmipVersion.V1_4));
    assertTrue(Tag.ATTRIBUTES.definedIn(KmipVersion.V2_1));
    assertSame(KmipVersion.V2_0, Tag.TEMPLATE_ATTRIBUTE.removedIn());
    assertTrue(Tag.TEMPLATE_ATTRIBUTE.definedIn(KmipVersion.V1_0));
    assertTrue(Tag.TEMPLATE_ATTRIBUTE.definedIn(KmipVersion.V1_4));
    assertFalse(Tag.TEMPLATE_ATTRIBUTE.definedIn(KmipVersion.V2_0));
    assertSame(KmipVersion.V1_1, Tag.CERTIFICATE_IDENTIFIER.deprecatedIn());
    assertSame(KmipVersion.V1_2, Tag.DATA.since());
    assertNull(Tag.ACTIVATION_DATE.removedIn());
  }

  @Test
  void enumerations() {
    assertSame(ObjectType.INFO, Tag.OBJECT_TYPE.enumeration());
    assertSame(Operation.INFO, Tag.OPERATION.enumeration());
    assertSame(HashingAlgorithm.INFO, Tag.MASK_GENERATOR_HASHING_ALGORITHM.enumeration());
    assertTrue(Tag.CRYPTOGRAPHIC_USAGE_MASK.enumeration().mask());
    assertSame(Tag.INFO, Tag.ATTRIBUTE_REFERENCE.enumeration());
    assertSame(ItemType.INFO, Tag.EXTENSION_TYPE.enumeration());
    assertNull(Tag.ACTIVATION_DATE.enumeration());
    for (Tag t : Tag.values()) {
      if (t.typesIn(KmipVersion.V2_1).contains(ItemType.ENUMERATION)
          || t.typesIn(KmipVersion.V1_4).contains(ItemType.ENUMERATION)) {
        assertNotNull(t.enumeration(), t + " is an Enumeration without a descriptor");
      }
    }
  }

  @Test
  void lookups() {
    assertSame(Tag.CRYPTOGRAPHIC_ALGORITHM, Tag.fromSpecName("Cryptographic Algorithm"));
    assertSame(Tag.X_509_CERTIFICATE_SUBJECT, Tag.fromSpecName("X.509 Certificate Subject"));
    assertSame(Tag.UNIQUE_IDENTIFIER, Tag.fromValue(0x420094));
    assertSame(Tag.UNIQUE_IDENTIFIER, Tag.fromXmlName("UniqueIdentifier"));
    assertNull(Tag.fromValue(0x540001), "vendor extensions have no constant");
    assertNull(Tag.fromValue(0x420000));
    assertNull(Tag.fromXmlName("NoSuchTag"));
    assertNull(Tag.fromSpecName("x-custom"));
    assertNull(Tag.fromSpecName(null));
  }

  @Test
  void everyTagRoundTripsAndIsUnique() {
    Set<Integer> values = new HashSet<>();
    Set<String> xml = new HashSet<>();
    for (Tag t : Tag.values()) {
      assertEquals(0x42, t.value() >>> 16, t.toString());
      assertTrue(values.add(t.value()), t.toString());
      assertTrue(xml.add(t.xmlName()), t.toString());
      assertSame(t, Tag.fromValue(t.value()));
      assertSame(t, Tag.fromXmlName(t.xmlName()));
      assertSame(t, Tag.fromSpecName(t.specName()));
      assertTrue(t.removedIn() == null || t.removedIn().compareTo(t.since()) > 0, t.toString());
    }
  }
}
