package io.keyfed.kmip.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class KmipVersionTest {

  @Test
  void numbersAndLookup() {
    for (KmipVersion v : KmipVersion.values()) {
      assertSame(v, KmipVersion.of(v.major(), v.minor()));
      assertSame(v, KmipVersion.parse(v.label()));
    }
    assertEquals(1, KmipVersion.V1_4.major());
    assertEquals(4, KmipVersion.V1_4.minor());
    assertNull(KmipVersion.of(1, 5));
    assertNull(KmipVersion.of(4, 0));
    assertNull(KmipVersion.parse("2"));
    assertNull(KmipVersion.parse("x.y"));
  }

  @Test
  void protocolOrder() {
    assertTrue(KmipVersion.V2_0.atLeast(KmipVersion.V1_4));
    assertTrue(KmipVersion.V2_0.atLeast(KmipVersion.V2_0));
    assertFalse(KmipVersion.V1_4.atLeast(KmipVersion.V2_0));
    assertTrue(KmipVersion.V3_0.atLeast(KmipVersion.V2_1));
  }
}
