package io.keyfed.kmip.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

/** Item type codes as in KMIP 1.4 §9.1.1.2 and 2.1 §11.23 (plus 3.0's three new types). */
class ItemTypeTest {

  @Test
  void codesAreTheSpecifications() {
    assertEquals(0x01, ItemType.STRUCTURE.code());
    assertEquals(0x02, ItemType.INTEGER.code());
    assertEquals(0x03, ItemType.LONG_INTEGER.code());
    assertEquals(0x04, ItemType.BIG_INTEGER.code());
    assertEquals(0x05, ItemType.ENUMERATION.code());
    assertEquals(0x06, ItemType.BOOLEAN.code());
    assertEquals(0x07, ItemType.TEXT_STRING.code());
    assertEquals(0x08, ItemType.BYTE_STRING.code());
    assertEquals(0x09, ItemType.DATE_TIME.code());
    assertEquals(0x0A, ItemType.INTERVAL.code());
    assertEquals(0x0B, ItemType.DATE_TIME_EXTENDED.code());
    assertEquals(0x0C, ItemType.IDENTIFIER.code());
    assertEquals(0x0D, ItemType.REFERENCE.code());
    assertEquals(0x0E, ItemType.NAME_REFERENCE.code());
    assertSame(KmipVersion.V2_0, ItemType.DATE_TIME_EXTENDED.since());
  }

  @Test
  void xmlNamesAreTheEncodingsOnes() {
    assertEquals("Structure", ItemType.STRUCTURE.xmlName());
    assertEquals("LongInteger", ItemType.LONG_INTEGER.xmlName());
    assertEquals("BigInteger", ItemType.BIG_INTEGER.xmlName());
    assertEquals("TextString", ItemType.TEXT_STRING.xmlName());
    assertEquals("ByteString", ItemType.BYTE_STRING.xmlName());
    assertEquals("DateTime", ItemType.DATE_TIME.xmlName());
    assertEquals("DateTimeExtended", ItemType.DATE_TIME_EXTENDED.xmlName());
  }

  @Test
  void roundTrips() {
    for (ItemType t : ItemType.values()) {
      assertSame(t, ItemType.fromCode(t.code()));
      assertSame(t, ItemType.fromXmlName(t.xmlName()));
      assertEquals(t.code(), t.value());
    }
    assertNull(ItemType.fromCode(0x00));
    assertNull(ItemType.fromCode(0x0F));
    assertNull(ItemType.fromXmlName("Text String"));
    assertNull(ItemType.fromXmlName(null));
  }
}
