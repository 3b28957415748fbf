package io.keyfed.kmip.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.keyfed.kmip.spec.AsynchronousIndicator;
import io.keyfed.kmip.spec.ItemType;
import io.keyfed.kmip.spec.Operation;
import io.keyfed.kmip.spec.ResultReason;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.ttlv.Ttlv;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Asynchronous Indicator changed type between versions: a Boolean in KMIP 1.x (1.4 §6.7; the
 * 1.0–1.2 test case TC-3.2 "Asynchronous Locate" sends {@code <AsynchronousIndicator
 * type="Boolean" value="true"/>}), an Enumeration Mandatory / Optional / Prohibited in 2.x (2.1
 * §11.3). The header holds the 2.x form and writes each version's own.
 */
class AsynchronousIndicatorHeaderTest {

  @Test
  void theBooleanOf1xReadsAsOptionalOrProhibited() {
    assertEquals(AsynchronousIndicator.OPTIONAL, decode(1, 0, Ttlv.bool(Tag.ASYNCHRONOUS_INDICATOR, true)));
    assertEquals(AsynchronousIndicator.PROHIBITED, decode(1, 4, Ttlv.bool(Tag.ASYNCHRONOUS_INDICATOR, false)));
    assertNull(decode(1, 4, null));
  }

  @Test
  void theEnumerationOf2xReadsAsItself() {
    for (AsynchronousIndicator a : AsynchronousIndicator.values()) {
      assertEquals(a, decode(2, 1, Ttlv.enumeration(Tag.ASYNCHRONOUS_INDICATOR, a)));
    }
  }

  @Test
  void anUndefinedValueOrAnotherTypeIsAnInvalidField() {
    KmipException e = assertThrows(KmipException.class, () -> decode(2, 1, Ttlv.enumeration(Tag.ASYNCHRONOUS_INDICATOR, 9)));
    assertEquals(ResultReason.INVALID_FIELD, e.resultReason());
    e = assertThrows(KmipException.class, () -> decode(2, 1, Ttlv.text(Tag.ASYNCHRONOUS_INDICATOR, "yes")));
    assertEquals(ResultReason.INVALID_FIELD, e.resultReason());
  }

  @Test
  void eachVersionIsWrittenInItsOwnForm() {
    Ttlv v14 = header(1, 4, AsynchronousIndicator.MANDATORY).encode().child(Tag.ASYNCHRONOUS_INDICATOR);
    assertEquals(ItemType.BOOLEAN, v14.type());
    assertEquals(true, v14.asBoolean(), "1.x cannot say Mandatory; True is the nearest");
    Ttlv v14off = header(1, 4, AsynchronousIndicator.PROHIBITED).encode().child(Tag.ASYNCHRONOUS_INDICATOR);
    assertEquals(false, v14off.asBoolean());
    Ttlv v21 = header(2, 1, AsynchronousIndicator.MANDATORY).encode().child(Tag.ASYNCHRONOUS_INDICATOR);
    assertEquals(ItemType.ENUMERATION, v21.type());
    assertEquals(AsynchronousIndicator.MANDATORY.value(), v21.asInt());
  }

  private static RequestHeader header(int major, int minor, AsynchronousIndicator a) {
    return new RequestHeader(new ProtocolVersion(major, minor), null, null, null, a, null, null, null, null, 1);
  }

  private static AsynchronousIndicator decode(int major, int minor, Ttlv indicator) {
    List<Ttlv> h = new java.util.ArrayList<>();
    h.add(new ProtocolVersion(major, minor).encode());
    if (indicator != null) {
      h.add(indicator);
    }
    h.add(Ttlv.integer(Tag.BATCH_COUNT, 1));
    Ttlv m = Ttlv.structure(Tag.REQUEST_MESSAGE, Ttlv.structure(Tag.REQUEST_HEADER, h),
        Ttlv.structure(Tag.BATCH_ITEM, Ttlv.enumeration(Tag.OPERATION, Operation.QUERY), Ttlv.structure(Tag.REQUEST_PAYLOAD, List.of())));
    return RequestMessage.decode(m).header().asynchronousIndicator();
  }
}
