package io.keyfed.application.operation;

import static io.keyfed.application.operation.Handlers.context;
import static io.keyfed.application.operation.Requests.assertFails;
import static io.keyfed.application.operation.Requests.createAes;
import static io.keyfed.application.operation.Requests.uidOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyfed.application.RequestContext;
import io.keyfed.kmip.attribute.Attribute;
import io.keyfed.kmip.attribute.AttributeCodec;
import io.keyfed.kmip.attribute.AttributeInstance;
import io.keyfed.kmip.attribute.AttributeReferences;
import io.keyfed.kmip.payload.GetAttributeListResponse;
import io.keyfed.kmip.payload.GetAttributesRequest;
import io.keyfed.kmip.payload.GetAttributesResponse;
import io.keyfed.kmip.payload.LocateResponse;
import io.keyfed.kmip.spec.CryptographicAlgorithm;
import io.keyfed.kmip.spec.KmipVersion;
import io.keyfed.kmip.spec.ObjectType;
import io.keyfed.kmip.spec.ResultReason;
import io.keyfed.kmip.spec.State;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.ttlv.Ttlv;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Get Attributes, Get Attribute List and Locate (KMIP 1.4 §4.12, §4.13, §4.9; 2.1 §6.1.25, §6.1.26, §6.1.31). */
class AttributesLocateTest {

  private final Handlers h = new Handlers();

  // ---- Get Attributes -----------------------------------------------------------------------

  @ParameterizedTest
  @EnumSource(value = KmipVersion.class, names = {"V1_0", "V1_4", "V2_0", "V2_1"})
  void getAttributesWithoutNamesReturnsThemAllInEachVersionsForm(KmipVersion v) {
    String uid = uidOf(h.create.handle(createAes(v, 128, Requests.name("a"), Requests.custom("x-team", "blue")), context(v)));
    RequestContext ctx = context(v);
    Ttlv response = h.getAttributes.handle(Requests.uid(uid), ctx);

    if (v.atLeast(KmipVersion.V2_0)) {
      assertEquals(List.of(Tag.UNIQUE_IDENTIFIER.value(), Tag.ATTRIBUTES.value()), tags(response.children()));
      assertEquals(List.of(), response.children(Tag.ATTRIBUTE));
    } else {
      assertNull(response.child(Tag.ATTRIBUTES));
      assertEquals("Unique Identifier", response.children(Tag.ATTRIBUTE).get(0).child(Tag.ATTRIBUTE_NAME).asText());
    }
    List<Attribute> attributes = GetAttributesResponse.decode(response).attributes();
    // Attributes the client's version does not define (Fresh, 2.0) are left out.
    // (and attributes the rules table gives a later version: Key Format Type is an attribute from 2.0).
    assertEquals(h.repository.find(uid).instancesIn(v).stream().map(AttributeInstance::attribute)
        .filter(a -> AttributeCodec.definedIn(a, v)).toList(), attributes);
    assertEquals(List.of("Unique Identifier", "Object Type", "State"), names(attributes).subList(0, 3));
    assertEquals(uid, ctx.idPlaceholder());
  }

  @ParameterizedTest
  @EnumSource(value = KmipVersion.class, names = {"V1_2", "V1_4", "V2_0"})
  void theCompatibilityListLeavesAttributesOutOfAllButNotOfAskedByName(KmipVersion v) {
    String uid = uidOf(h.create.handle(createAes(v, 128, Requests.name("a")), context(v)));
    h.getAttributes.omitFromAll = Set.of("Original Creation Date", "Name");

    List<String> all = names(GetAttributesResponse.decode(h.getAttributes.handle(Requests.uid(uid), context(v))).attributes());
    List<String> named = names(GetAttributesResponse.decode(h.getAttributes.handle(
        new GetAttributesRequest(uid, List.of("Original Creation Date", "Name")).encode(v), context(v))).attributes());

    assertFalse(all.contains("Original Creation Date") || all.contains("Name"), "left out of all: " + all);
    assertTrue(all.containsAll(List.of("Unique Identifier", "Cryptographic Length", "State")), "the rest: " + all);
    assertEquals(List.of("Original Creation Date", "Name"), named);
  }

  @Test
  void getAttributesReturnsTheNamedOnesInTheOrderAskedWithEveryValue() {
    String uid = uidOf(h.create.handle(createAes(KmipVersion.V1_4, 256, Requests.name("first"), Requests.name("second")),
        context(KmipVersion.V1_4)));
    Ttlv request = Ttlv.structure(Tag.REQUEST_PAYLOAD,
        Ttlv.text(Tag.UNIQUE_IDENTIFIER, uid),
        Ttlv.text(Tag.ATTRIBUTE_NAME, "State"),
        Ttlv.text(Tag.ATTRIBUTE_NAME, "Name"),
        Ttlv.text(Tag.ATTRIBUTE_NAME, "Contact Information"), // not set: simply absent
        Ttlv.text(Tag.ATTRIBUTE_NAME, "Cryptographic Length"));
    Ttlv response = h.getAttributes.handle(request, context(KmipVersion.V1_4));

    List<Ttlv> items = response.children(Tag.ATTRIBUTE);
    assertEquals(List.of("State", "Name", "Name", "Cryptographic Length"),
        items.stream().map(a -> a.child(Tag.ATTRIBUTE_NAME).asText()).toList());
    assertNull(items.get(1).child(Tag.ATTRIBUTE_INDEX), "index 0 is left out after 1.0");
    assertEquals(1, items.get(2).child(Tag.ATTRIBUTE_INDEX).asInt());
    assertEquals(State.PRE_ACTIVE.value(), items.get(0).child(Tag.ATTRIBUTE_VALUE).asInt());
  }

  @Test
  void getAttributesTakesAttributeReferencesFromA2xClient() {
    String uid = uidOf(h.create.handle(createAes(KmipVersion.V2_1, 128, Requests.custom("x-team", "blue")), context(KmipVersion.V2_1)));
    List<Ttlv> c = new ArrayList<>();
    c.add(Ttlv.text(Tag.UNIQUE_IDENTIFIER, uid));
    c.addAll(AttributeReferences.encodeAll(List.of("x-team", "Cryptographic Algorithm"), KmipVersion.V2_1));
    Ttlv response = h.getAttributes.handle(Ttlv.structure(Tag.REQUEST_PAYLOAD, c), context(KmipVersion.V2_1));
    assertEquals(List.of(Requests.custom("x-team", "blue"), Requests.algorithm(CryptographicAlgorithm.AES)),
        AttributeCodec.fromAttributes(response.child(Tag.ATTRIBUTES)));
  }

  // ---- Get Attribute List -------------------------------------------------------------------

  @ParameterizedTest
  @EnumSource(value = KmipVersion.class, names = {"V1_4", "V2_1"})
  void getAttributeListNamesEachAttributeOnce(KmipVersion v) {
    String uid = uidOf(h.create.handle(createAes(v, 128, Requests.name("a"), Requests.name("b"), Requests.custom("x-team", "blue")),
        context(v)));
    Ttlv response = h.getAttributeList.handle(Requests.uid(uid), context(v));

    // The names a client of this version knows: no Short Unique Identifier for 1.4.
    List<String> expected = h.repository.find(uid).attributeNamesIn(v);
    assertEquals(expected, GetAttributeListResponse.decode(response).attributeNames());
    assertEquals(1, expected.stream().filter("Name"::equals).count());
    if (v.atLeast(KmipVersion.V2_0)) {
      assertEquals(List.of(), response.children(Tag.ATTRIBUTE_NAME));
      assertEquals(expected.size(), response.children(Tag.ATTRIBUTE_REFERENCE).size());
    } else {
      assertEquals(List.of(), response.children(Tag.ATTRIBUTE_REFERENCE));
      assertEquals(expected.size(), response.children(Tag.ATTRIBUTE_NAME).size());
    }
  }

  @Test
  void aVersion14ClientIsNotToldOfA20Attribute() {
    Attribute quantumSafe = Attribute.of(Tag.QUANTUM_SAFE, Ttlv.bool(Tag.QUANTUM_SAFE, true));
    String uid = uidOf(h.create.handle(createAes(KmipVersion.V2_1, 256, quantumSafe), context(KmipVersion.V2_1)));

    assertEquals(true, GetAttributeListResponse.decode(h.getAttributeList.handle(Requests.uid(uid), context(KmipVersion.V2_1)))
        .attributeNames().contains("Quantum Safe"));
    assertEquals(false, GetAttributeListResponse.decode(h.getAttributeList.handle(Requests.uid(uid), context(KmipVersion.V1_4)))
        .attributeNames().contains("Quantum Safe"));
    List<Attribute> seenBy14 = GetAttributesResponse.decode(h.getAttributes.handle(Requests.uid(uid), context(KmipVersion.V1_4))).attributes();
    assertEquals(List.of(), seenBy14.stream().filter(a -> a.name().equals("Quantum Safe")).toList());
  }

  // ---- Locate -------------------------------------------------------------------------------

  @Test
  void locatePagesThroughTheCallersObjectsNewestFirst() {
    List<String> mine = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      mine.add(0, uidOf(h.create.handle(createAes(KmipVersion.V2_1, 128), context(KmipVersion.V2_1))));
    }
    h.create.handle(createAes(KmipVersion.V2_1, 128), Handlers.context(Handlers.BOB, KmipVersion.V2_1));

    // Located Items comes with Offset Items, as in every OASIS test case (protocol.md).
    assertEquals(new LocateResponse(null, mine), locate(KmipVersion.V2_1, null, null));
    assertEquals(new LocateResponse(5, mine.subList(2, 4)), locate(KmipVersion.V2_1, 2, 2));
    assertEquals(new LocateResponse(5, mine.subList(4, 5)), locate(KmipVersion.V2_1, 2, 4));
    assertEquals(new LocateResponse(5, List.of()), locate(KmipVersion.V2_1, 2, 9));
    assertEquals(new LocateResponse(null, List.of()), locate(KmipVersion.V2_1, 0, null));
    // Located Items exists from 1.3; Offset Items too.
    assertEquals(new LocateResponse(null, mine.subList(0, 3)), locate(KmipVersion.V1_2, 3, null));
    assertEquals(new LocateResponse(5, mine.subList(1, 2)), locate(KmipVersion.V1_3, 1, 1));
  }

  @Test
  void locateMatchesEveryAttributeGivenAndSetsTheIdPlaceholder() {
    KmipVersion v = KmipVersion.V1_4;
    String plain = uidOf(h.create.handle(createAes(v, 128), context(v)));
    String named = uidOf(h.create.handle(createAes(v, 256, Requests.name("payroll"), Requests.custom("x-team", "blue")), context(v)));
    String secret = uidOf(h.register.handle(Requests.register(v, ObjectType.SECRET_DATA, List.of(Requests.name("payroll-pin")),
        Requests.secretData(new byte[] {1})), context(v)));
    h.activate.handle(Requests.uid(plain), context(v));

    assertEquals(List.of(secret), locateBy(v, Attribute.of(Tag.OBJECT_TYPE, Ttlv.enumeration(Tag.OBJECT_TYPE, ObjectType.SECRET_DATA))));
    assertEquals(List.of(named), locateBy(v, Requests.name("payroll")), "Names are unique per owner (Register of a second 'payroll' is refused)");
    assertEquals(List.of(named), locateBy(v, Requests.name("payroll"), Requests.length(256)));
    assertEquals(List.of(named), locateBy(v, Requests.custom("x-team", "blue")));
    assertEquals(List.of(), locateBy(v, Requests.custom("x-team", "red")));
    assertEquals(List.of(plain), locateBy(v, Attribute.of(Tag.STATE, Ttlv.enumeration(Tag.STATE, State.ACTIVE))));
    // The same question from a 2.x client.
    assertEquals(List.of(named), locateBy(KmipVersion.V2_1, Requests.name("payroll"), Requests.length(256)));

    RequestContext ctx = context(v);
    h.locate.handle(Ttlv.structure(Tag.REQUEST_PAYLOAD, AttributeCodec.toV1List(List.of(Requests.name("payroll")), v)), ctx);
    assertEquals(named, ctx.idPlaceholder());
  }

  @Test
  void locateRefusesNegativePaging() {
    assertFails(ResultReason.INVALID_FIELD, () -> h.locate.handle(Ttlv.structure(Tag.REQUEST_PAYLOAD,
        Ttlv.integer(Tag.MAXIMUM_ITEMS, -1)), context(KmipVersion.V2_1)));
    assertFails(ResultReason.INVALID_FIELD, () -> h.locate.handle(Ttlv.structure(Tag.REQUEST_PAYLOAD,
        Ttlv.integer(Tag.OFFSET_ITEMS, -5)), context(KmipVersion.V2_1)));
  }

  // ---- helpers ------------------------------------------------------------------------------

  private LocateResponse locate(KmipVersion v, Integer max, Integer offset) {
    List<Ttlv> c = new ArrayList<>();
    if (max != null) {
      c.add(Ttlv.integer(Tag.MAXIMUM_ITEMS, max));
    }
    if (offset != null) {
      c.add(Ttlv.integer(Tag.OFFSET_ITEMS, offset));
    }
    return LocateResponse.decode(h.locate.handle(Ttlv.structure(Tag.REQUEST_PAYLOAD, c), context(v)));
  }

  private List<String> locateBy(KmipVersion v, Attribute... attributes) {
    List<Ttlv> c = v.atLeast(KmipVersion.V2_0)
        ? List.of(AttributeCodec.toAttributes(Tag.ATTRIBUTES, List.of(attributes), v))
        : AttributeCodec.toV1List(List.of(attributes), v);
    return LocateResponse.decode(h.locate.handle(Ttlv.structure(Tag.REQUEST_PAYLOAD, c), context(v))).uniqueIdentifiers();
  }

  private static List<Integer> tags(List<Ttlv> items) {
    return items.stream().map(Ttlv::tag).toList();
  }

  private static List<String> names(List<Attribute> attributes) {
    return attributes.stream().map(Attribute::name).toList();
  }
}
