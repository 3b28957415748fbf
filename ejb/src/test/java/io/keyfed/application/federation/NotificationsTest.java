package io.keyfed.application.federation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyfed.kmip.attribute.Attribute;
import io.keyfed.kmip.spec.KmipVersion;
import io.keyfed.kmip.spec.NameType;
import io.keyfed.kmip.spec.ObjectType;
import io.keyfed.kmip.spec.PutFunction;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.ttlv.Ttlv;
import io.keyfed.kmip.ttlv.TtlvReader;
import io.keyfed.kmip.ttlv.TtlvWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Put and Notify between servers in both protocol generations, written and read back. */
class NotificationsTest {

  private static final String ASI = Tag.APPLICATION_SPECIFIC_INFORMATION.specName();

  private static Attribute name(String v) {
    return Attribute.of(Tag.NAME, Ttlv.structure(Tag.NAME, Ttlv.text(Tag.NAME_VALUE, v),
        Ttlv.enumeration(Tag.NAME_TYPE, NameType.UNINTERPRETED_TEXT_STRING)));
  }

  /** A change: two Names now, and the two instances of Application Specific Information deleted. */
  private static Ttlv changes() {
    Map<String, Integer> deleted = new LinkedHashMap<>();
    deleted.put(ASI, 2);
    return Notifications.changes(List.of(name("a"), name("b")), deleted);
  }

  private static Ttlv wire(Ttlv payload) throws Exception {
    return new TtlvReader().read(TtlvWriter.encode(payload));
  }

  @Test
  void a2xNotifyNamesADeletedAttributeByAttributeReference() throws Exception {
    Ttlv payload = wire(Notifications.notifyPayload("uid-1", changes(), 42, KmipVersion.V2_1));
    assertNotNull(payload.child(Tag.ATTRIBUTES));
    assertEquals(1, payload.children(Tag.ATTRIBUTE_REFERENCE).size());
    assertTrue(payload.children(Tag.ATTRIBUTE).isEmpty(), "no 1.x Attribute structures in a 2.x Notify");

    Notifications.Notify n = Notifications.readNotify(payload);
    assertEquals("uid-1", n.uniqueIdentifier());
    assertEquals(42, n.sequence());
    assertEquals(List.of(ASI), n.deleted());
    assertTrue(n.deletedInstances().isEmpty());
    assertEquals(2, n.changed().get(Tag.NAME.specName()).size());
    assertNull(n.changed().get(Markers.SEQUENCE), "the sequence is taken out");
  }

  @Test
  void a1xNotifyNamesEachDeletedInstanceByNameAndIndexWithoutValue() throws Exception {
    Ttlv payload = wire(Notifications.notifyPayload("uid-1", changes(), 43, KmipVersion.V1_4));
    assertNull(payload.child(Tag.ATTRIBUTES), "1.x has no Attributes structure");
    assertTrue(payload.children(Tag.ATTRIBUTE_REFERENCE).isEmpty(), "1.x has no Attribute Reference");
    int valueless = 0;
    for (Ttlv a : payload.children(Tag.ATTRIBUTE)) {
      if (a.child(Tag.ATTRIBUTE_VALUE) == null) {
        valueless++;
        assertEquals(ASI, a.child(Tag.ATTRIBUTE_NAME).asText());
        assertNotNull(a.child(Tag.ATTRIBUTE_INDEX), "a deleted instance carries its index");
      }
    }
    assertEquals(2, valueless);

    Notifications.Notify n = Notifications.readNotify(payload);
    assertEquals(43, n.sequence());
    assertTrue(n.deleted().isEmpty());
    assertEquals(Map.of(ASI, Set.of(0, 1)), n.deletedInstances());
    assertEquals(2, n.changed().get(Tag.NAME.specName()).size());
  }

  @Test
  void anOutboxEntryWrittenBeforeInstanceCountsStillBecomesA1xNotify() throws Exception {
    Ttlv old = Ttlv.structure(Tag.REQUEST_PAYLOAD, Ttlv.structure(Tag.ATTRIBUTES, List.of()),
        io.keyfed.kmip.attribute.AttributeReferences.encodeAll(List.of(ASI), KmipVersion.V2_1).get(0));
    Notifications.Notify n = Notifications.readNotify(wire(Notifications.notifyPayload("u", old, 5, KmipVersion.V1_2)));
    assertEquals(Map.of(ASI, Set.of(0)), n.deletedInstances());
  }

  @Test
  void aPutReadsBackTheSameInEitherGeneration() throws Exception {
    Ttlv object = Ttlv.structure(Tag.SECRET_DATA, Ttlv.enumeration(Tag.SECRET_DATA_TYPE, 1));
    List<Attribute> attrs = List.of(name("k"), Attribute.of(Tag.OBJECT_GROUP, Ttlv.text(Tag.OBJECT_GROUP, "g")),
        Markers.text(Markers.MASTER, "org-a"));
    for (KmipVersion v : List.of(KmipVersion.V1_0, KmipVersion.V1_4, KmipVersion.V2_0, KmipVersion.V2_1)) {
      Ttlv payload = wire(Notifications.putPayload("uid-9", "uid-8", object, attrs, 7, v));
      assertEquals(v.atLeast(KmipVersion.V2_0), payload.child(Tag.ATTRIBUTES) != null, v.label());
      Notifications.Put p = Notifications.readPut(payload);
      assertEquals("uid-9", p.uniqueIdentifier(), v.label());
      assertEquals(PutFunction.REPLACE, p.function());
      assertEquals("uid-8", p.replacedUniqueIdentifier());
      assertEquals(ObjectType.SECRET_DATA, p.objectType());
      assertEquals(7, p.sequence());
      assertEquals(attrs, p.attributes(), v.label());
    }
  }
}
