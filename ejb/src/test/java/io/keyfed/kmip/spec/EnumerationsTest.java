package io.keyfed.kmip.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EnumerationsTest {

  /** value <-> name for every constant of every enumeration, through EnumInfo and the Java type. */
  @Test
  void everyValueRoundTrips() throws Exception {
    Set<String> names = new HashSet<>();
    for (EnumInfo info : Enumerations.all()) {
      assertTrue(names.add(info.name()), info.name());
      assertSame(info, Enumerations.byName(info.name()));
      assertSame(info, Enumerations.byName(info.specName()));
      // Opaque Data Type defines only the extension range (KMIP 1.4 §9.1.3.2.10, 2.1 §11.35).
      assertEquals(info.name().equals("OpaqueDataType"), info.constants().isEmpty(), info.name());
      Class<?> type = Class.forName(EnumInfo.class.getPackageName() + "." + info.name());
      boolean generatedEnum = info != Tag.INFO && info != ItemType.INFO;
      Method fromValue = generatedEnum ? type.getMethod("fromValue", int.class) : null;
      Method fromXmlName = type.getMethod("fromXmlName", String.class);
      for (KmipEnum c : info.constants()) {
        String where = info.name() + "." + c;
        assertSame(c, info.constantOf(c.value()), where);
        assertSame(c, info.constantOf(c.xmlName()), where);
        assertEquals(c.xmlName(), info.nameOf(c.value()), where);
        assertEquals(c.value(), info.valueOf(c.xmlName()), where);
        assertSame(c, fromXmlName.invoke(null, c.xmlName()), where);
        if (fromValue != null) {
          assertSame(c, fromValue.invoke(null, c.value()), where);
        }
        assertNotNull(c.since(), where);
        assertTrue(c.definedIn(c.since()), where);
      }
      assertNull(info.valueOf("NoSuchName"));
    }
    assertTrue(names.size() > 60, "enumerations: " + names.size());
  }

  @Test
  void knownValues() {
    assertEquals(0x00000001, ObjectType.CERTIFICATE.value());
    assertEquals("SymmetricKey", ObjectType.SYMMETRIC_KEY.xmlName());
    assertEquals("Symmetric Key", ObjectType.SYMMETRIC_KEY.specName());
    assertSame(KmipVersion.V1_2, ObjectType.PGP_KEY.since());
    assertSame(KmipVersion.V2_0, ObjectType.CERTIFICATE_REQUEST.since());
    assertSame(KmipVersion.V2_0, ObjectType.TEMPLATE.removedIn());
    assertSame(KmipVersion.V1_3, ObjectType.TEMPLATE.deprecatedIn());
    assertEquals(0x00000001, CryptographicAlgorithm.DES.value());
    assertEquals(0x00000002, CryptographicAlgorithm.DES3.value());
    assertEquals("DES3", CryptographicAlgorithm.DES3.xmlName());
    assertEquals("3DES", CryptographicAlgorithm.DES3.specName());
    assertEquals(0x00000003, CryptographicAlgorithm.AES.value());
    assertEquals(0x0000000A, Operation.GET.value());
    assertEquals(0x00000001, ResultStatus.OPERATION_FAILED.value());
    assertEquals(0x00000001, ResultReason.ITEM_NOT_FOUND.value());
    assertEquals(0x00000100, ResultReason.GENERAL_FAILURE.value());
    assertEquals(0x00000001, State.PRE_ACTIVE.value());
    assertEquals("PKCS_1", KeyFormatType.PKCS_1.xmlName());
    assertEquals("X_509", KeyFormatType.X_509.xmlName());
  }

  @Test
  void earlierSpellingsAreAccepted() {
    assertSame(HashingAlgorithm.SHA3_256, HashingAlgorithm.fromXmlName("SHA3_256"));
    assertSame(HashingAlgorithm.SHA3_256, HashingAlgorithm.fromXmlName("SHA_3_256"), "KMIP 1.4 name");
    assertSame(MaskGenerator.MGF1, MaskGenerator.fromXmlName("MFG1"), "KMIP 2.x table typo");
    assertSame(ResultReason.OBJECT_ARCHIVED, ResultReason.fromXmlName("ObjectArchived"));
    assertSame(ResultReason.NOT_AUTHORISED, ResultReason.fromXmlName("NotAuthorized"));
    assertSame(CryptographicUsageMask.CONTENT_COMMITMENT_NON_REPUDIATION,
        CryptographicUsageMask.fromXmlName("ContentCommitment"));
  }

  @Test
  void byName() {
    assertSame(ObjectType.INFO, Enumerations.byName("ObjectType"));
    assertSame(ObjectType.INFO, Enumerations.byName("Object Type"));
    assertSame(CryptographicUsageMask.INFO, Enumerations.byName("CryptographicUsageMask"));
    assertSame(Tag.INFO, Enumerations.byName("Tag"));
    assertSame(ItemType.INFO, Enumerations.byName("ItemType"));
    assertNull(Enumerations.byName("NoSuchEnumeration"));
    assertNull(Enumerations.byName(null));
  }

  @Test
  void masks() {
    EnumInfo m = CryptographicUsageMask.INFO;
    assertTrue(m.mask());
    assertTrue(StorageStatusMask.INFO.mask());
    assertTrue(ProtectionStorageMask.INFO.mask());
    assertFalse(ObjectType.INFO.mask());
    int encDec = CryptographicUsageMask.bits(CryptographicUsageMask.ENCRYPT, CryptographicUsageMask.DECRYPT);
    assertEquals(0x0C, encDec);
    assertTrue(CryptographicUsageMask.DECRYPT.in(encDec));
    assertFalse(CryptographicUsageMask.SIGN.in(encDec));
    assertEquals("Encrypt|Decrypt", m.maskToNames(encDec));
    assertEquals("Encrypt|0x40000000", m.maskToNames(0x40000004));
    assertEquals("0x00000000", m.maskToNames(0));
    assertEquals(0x0C, m.namesToMask("Encrypt Decrypt"));
    assertEquals(0x0C, m.namesToMask("Decrypt|Encrypt"));
    assertEquals(0x0C, m.namesToMask("  Decrypt   Encrypt "));
    assertEquals(0x40000004, m.namesToMask("Encrypt|0x40000000"));
    assertEquals(0x40000004, m.namesToMask(m.maskToNames(0x40000004)));
    assertNull(m.namesToMask("Encrypt Nonsense"));
    assertNull(m.namesToMask("0xZZ"));
    assertNull(m.namesToMask("0x-1"));
    assertNull(m.namesToMask("0x123456789"));
    assertNull(m.namesToMask(""));
    for (KmipEnum bit : m.constants()) {
      assertEquals(1, Integer.bitCount(bit.value()), bit.toString());
      assertEquals(bit.xmlName(), m.maskToNames(bit.value()));
    }
  }

  @Test
  void pkcs11ByReference() {
    assertEquals(1, Pkcs11Check.function("C_Initialize"));
    assertEquals(0, PKCS11ReturnCode.OK.value());
  }

  /** Keeps the PKCS#11 lookups readable above. */
  private static final class Pkcs11Check {
    static int function(String name) {
      return PKCS11Function.fromXmlName(name).value();
    }
  }
}
