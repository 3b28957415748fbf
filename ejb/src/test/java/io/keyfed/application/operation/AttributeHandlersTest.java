package io.keyfed.application.operation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyfed.application.RequestContext;
import io.keyfed.domain.identity.ClientIdentity;
import io.keyfed.kmip.attribute.Attribute;
import io.keyfed.kmip.attribute.AttributeCodec;
import io.keyfed.kmip.attribute.AttributeInstance;
import io.keyfed.kmip.payload.AddAttributeRequest;
import io.keyfed.kmip.payload.AdjustAttributeRequest;
import io.keyfed.kmip.payload.AttributeChangeResponse;
import io.keyfed.kmip.payload.CreateRequest;
import io.keyfed.kmip.payload.CreateResponse;
import io.keyfed.kmip.payload.DeleteAttributeRequest;
import io.keyfed.kmip.payload.GetAttributesResponse;
import io.keyfed.kmip.payload.LocateRequest;
import io.keyfed.kmip.payload.LocateResponse;
import io.keyfed.kmip.payload.ModifyAttributeRequest;
import io.keyfed.kmip.payload.SetAttributeRequest;
import io.keyfed.kmip.spec.AdjustmentType;
import io.keyfed.kmip.spec.CryptographicAlgorithm;
import io.keyfed.kmip.spec.KmipVersion;
import io.keyfed.kmip.spec.NameType;
import io.keyfed.kmip.spec.ObjectType;
import io.keyfed.kmip.spec.Operation;
import io.keyfed.kmip.spec.ResultReason;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.ttlv.Ttlv;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The attribute handlers and Locate through their wire forms, with an in-memory repository. */
class AttributeHandlersTest {

  private static final KmipVersion V10 = KmipVersion.V1_0;
  private static final KmipVersion V14 = KmipVersion.V1_4;
  private static final KmipVersion V21 = KmipVersion.V2_1;

  private final AttributeOperationHandlers handlers = new AttributeOperationHandlers();
  private final ClientIdentity alice = new ClientIdentity("alice", "CN=alice", "test");
  private final ClientIdentity bob = new ClientIdentity("bob", "CN=bob", "test");

  @Test
  void addReturnsTheNewIndexIn1xAndOnlyTheIdentifierIn2x() {
    String uid = create(V14, alice, name("k1"));
    AttributeChangeResponse first = AttributeChangeResponse.decode(ok(V14, alice, Operation.ADD_ATTRIBUTE,
        new AddAttributeRequest(uid, name("k1-alias"), null).encode(V14)));
    assertEquals(uid, first.uniqueIdentifier());
    assertEquals(1, first.attribute().index(), "the second Name");
    Ttlv v2 = ok(V21, alice, Operation.ADD_ATTRIBUTE, new AddAttributeRequest(uid, name("k1-third"), null).encode(V21));
    assertEquals(List.of(Ttlv.text(Tag.UNIQUE_IDENTIFIER, uid)), v2.children());
    // 1.x: "The Attribute Index SHALL NOT be specified in the request" (1.4 §11.15: Invalid Field).
    assertEquals(ResultReason.INVALID_FIELD, fail(V14, alice, Operation.ADD_ATTRIBUTE,
        new AddAttributeRequest(uid, text("x-a", "v"), 2).encode(V14)));
  }

  @Test
  void getAttributesReturnsStoredIndices() {
    String uid = create(V14, alice, name("a"), name("b"), name("c"));
    ok(V14, alice, Operation.DELETE_ATTRIBUTE, new DeleteAttributeRequest(uid, "Name", 1, null, false).encode(V14));
    Ttlv payload = ok(V14, alice, Operation.GET_ATTRIBUTES, getAttributes(uid, "Name"));
    List<Integer> indices = new ArrayList<>();
    for (Ttlv a : payload.children(Tag.ATTRIBUTE)) {
      Integer i = AttributeCodec.indexOfV1(a);
      indices.add(i == null ? 0 : i);
    }
    assertEquals(List.of(0, 2), indices, "c keeps index 2 after b is deleted");
    assertNull(AttributeCodec.indexOfV1(payload.children(Tag.ATTRIBUTE).get(0)), "index 0 is left out");
    assertEquals(ResultReason.INVALID_MESSAGE, fail(V14, alice, Operation.GET_ATTRIBUTES, getAttributes(uid, "Name", "Name")),
        "1.4 §11.13: the same Attribute Name twice");
  }

  @Test
  void modifyAndDeleteIn1xAnd2xForms() {
    String uid = create(V21, alice, text("x-tag", "one"), text("x-tag", "two"));
    AttributeChangeResponse m = AttributeChangeResponse.decode(ok(V14, alice, Operation.MODIFY_ATTRIBUTE,
        new ModifyAttributeRequest(uid, null, text("x-tag", "TWO"), 1, false).encode(V14)));
    assertEquals(new AttributeInstance(text("x-tag", "TWO"), 1), m.attribute());
    ok(V21, alice, Operation.MODIFY_ATTRIBUTE, new ModifyAttributeRequest(uid, text("x-tag", "one"), text("x-tag", "ONE"), null, true).encode(V21));
    assertEquals(List.of("ONE", "TWO"), values(uid, "x-tag"));
    assertEquals(ResultReason.ATTRIBUTE_INSTANCE_NOT_FOUND, fail(V21, alice, Operation.DELETE_ATTRIBUTE,
        new DeleteAttributeRequest(uid, "x-tag", null, text("x-tag", "three"), true).encode(V21)));
    ok(V21, alice, Operation.DELETE_ATTRIBUTE, new DeleteAttributeRequest(uid, "x-tag", null, null, true).encode(V21));
    assertEquals(List.of(), values(uid, "x-tag"), "an Attribute Reference deletes every instance");
  }

  @Test
  void setAndAdjust() {
    String uid = create(V21, alice);
    ok(V21, alice, Operation.SET_ATTRIBUTE, new SetAttributeRequest(uid, new Attribute("x-counter",
        Ttlv.longInteger(Tag.ATTRIBUTE_VALUE, 10))).encode(V21));
    ok(V21, alice, Operation.ADJUST_ATTRIBUTE, new AdjustAttributeRequest(uid, "x-counter", AdjustmentType.INCREMENT,
        Ttlv.integer(Tag.ADJUSTMENT_VALUE, 5)).encode(V21));
    assertEquals(15L, handlers.repository.find(uid).attributes("x-counter").get(0).value().asLong());
    assertEquals(ResultReason.OPERATION_NOT_SUPPORTED, fail(V14, alice, Operation.SET_ATTRIBUTE,
        new SetAttributeRequest(uid, text("x-a", "b")).encode(V21)), "Set Attribute is 2.0+");
  }

  @Test
  void anotherOwnersObjectIsRefused() {
    String uid = create(V21, alice);
    assertEquals(ResultReason.PERMISSION_DENIED, fail(V21, bob, Operation.ADD_ATTRIBUTE,
        new AddAttributeRequest(uid, text("x-a", "b"), null).encode(V21)));
    assertEquals(ResultReason.PERMISSION_DENIED, fail(V14, bob, Operation.DELETE_ATTRIBUTE,
        new DeleteAttributeRequest(uid, "Name", null, null, false).encode(V14)));
  }

  /** Names are unique among one owner's objects that are not destroyed, never across owners. */
  @Test
  void namesAreUniquePerOwner() {
    create(V21, alice, name("shared"));
    assertEquals(ResultReason.NON_UNIQUE_NAME_ATTRIBUTE, fail(V21, alice, Operation.CREATE, createRequest(V21, name("shared"))));
    assertEquals(ResultReason.INVALID_FIELD, fail(V14, alice, Operation.CREATE, createRequest(V14, name("shared"))),
        "1.4 §11.2: the same Name as an existing object");
    create(V21, bob, name("shared"));
    String other = create(V14, alice, name("other"));
    assertEquals(ResultReason.ILLEGAL_OPERATION, fail(V14, alice, Operation.ADD_ATTRIBUTE,
        new AddAttributeRequest(other, name("shared"), null).encode(V14)), "1.4 §11.15");
  }

  @Test
  void createRefusesServerAttributes() {
    Attribute state = Attribute.of(Tag.STATE, Ttlv.enumeration(Tag.STATE, io.keyfed.kmip.spec.State.ACTIVE));
    assertEquals(ResultReason.ATTRIBUTE_READ_ONLY, fail(V21, alice, Operation.CREATE, createRequest(V21, state)));
    assertEquals(ResultReason.INVALID_FIELD, fail(V14, alice, Operation.CREATE, createRequest(V14, state)));
  }

  @Test
  void locatePlaceholderAndLocatedItems() {
    String a = create(V21, alice, text("Object Group", "g"));
    String b = create(V21, alice, text("Object Group", "g"));
    RequestContext ctx = ctx(V21, alice);
    LocateResponse both = LocateResponse.decode(handlers.run(Operation.LOCATE,
        new LocateRequest(null, null, null, null, List.of(text("Object Group", "g"))).encode(V21), ctx).payload());
    assertEquals(List.of(b, a), both.uniqueIdentifiers(), "newest first");
    assertNull(both.locatedItems(), "Located Items only with Offset Items");
    assertEquals("", ctx.idPlaceholder(), "several found: the placeholder is emptied");
    LocateResponse one = LocateResponse.decode(handlers.run(Operation.LOCATE,
        new LocateRequest(1, 1, null, null, List.of(text("Object Group", "g"))).encode(V21), ctx).payload());
    assertEquals(List.of(a), one.uniqueIdentifiers());
    assertEquals(2, one.locatedItems());
    assertEquals(a, ctx.idPlaceholder());
    // Locate-all sees only the caller's objects.
    create(V21, bob);
    LocateResponse all = LocateResponse.decode(ok(V10, alice, Operation.LOCATE, new LocateRequest(null, null, null, null, List.of()).encode(V10)));
    assertEquals(List.of(b, a), all.uniqueIdentifiers());
  }

  // ---- helpers ------------------------------------------------------------------------------

  private String create(KmipVersion v, ClientIdentity client, Attribute... more) {
    return CreateResponse.decode(ok(v, client, Operation.CREATE, createRequest(v, more))).uniqueIdentifier();
  }

  private static Ttlv createRequest(KmipVersion v, Attribute... more) {
    List<Attribute> as = new ArrayList<>(List.of(
        Attribute.of(Tag.CRYPTOGRAPHIC_ALGORITHM, Ttlv.enumeration(Tag.CRYPTOGRAPHIC_ALGORITHM, CryptographicAlgorithm.AES)),
        Attribute.of(Tag.CRYPTOGRAPHIC_LENGTH, Ttlv.integer(Tag.CRYPTOGRAPHIC_LENGTH, 128))));
    as.addAll(List.of(more));
    return new CreateRequest(ObjectType.SYMMETRIC_KEY, as).encode(v);
  }

  private static Ttlv getAttributes(String uid, String... names) {
    List<Ttlv> c = new ArrayList<>();
    c.add(Ttlv.text(Tag.UNIQUE_IDENTIFIER, uid));
    for (String n : names) {
      c.add(Ttlv.text(Tag.ATTRIBUTE_NAME, n));
    }
    return Ttlv.structure(Tag.REQUEST_PAYLOAD, c);
  }

  private List<String> values(String uid, String name) {
    Ttlv p = ok(V14, alice, Operation.GET_ATTRIBUTES, getAttributes(uid, name));
    return GetAttributesResponse.decode(p).attributes().stream().map(a -> a.value().asText()).toList();
  }

  private RequestContext ctx(KmipVersion v, ClientIdentity client) {
    return new RequestContext(client, v, Instant.now().truncatedTo(ChronoUnit.SECONDS));
  }

  private Ttlv ok(KmipVersion v, ClientIdentity client, Operation op, Ttlv payload) {
    AttributeOperationHandlers.Outcome o = handlers.run(op, payload, ctx(v, client));
    assertTrue(o.succeeded(), () -> op.specName() + " failed: " + o.reason() + " " + o.message());
    return o.payload();
  }

  private ResultReason fail(KmipVersion v, ClientIdentity client, Operation op, Ttlv payload) {
    AttributeOperationHandlers.Outcome o = handlers.run(op, payload, ctx(v, client));
    assertTrue(!o.succeeded(), () -> op.specName() + " succeeded");
    return o.reason();
  }

  private static Attribute name(String value) {
    return Attribute.of(Tag.NAME, Ttlv.structure(Tag.NAME,
        Ttlv.text(Tag.NAME_VALUE, value), Ttlv.enumeration(Tag.NAME_TYPE, NameType.UNINTERPRETED_TEXT_STRING)));
  }

  private static Attribute text(String name, String value) {
    Tag t = Tag.fromSpecName(name);
    return t == null ? new Attribute(name, Ttlv.text(Tag.ATTRIBUTE_VALUE, value)) : Attribute.of(t, Ttlv.text(t, value));
  }
}
