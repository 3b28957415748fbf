package io.keyfed.application.operation;

import static io.keyfed.application.operation.Handlers.NOW;
import static io.keyfed.application.operation.Handlers.context;
import static io.keyfed.application.operation.Requests.assertFails;
import static io.keyfed.application.operation.Requests.createAes;
import static io.keyfed.application.operation.Requests.uidOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyfed.application.KmipService;
import io.keyfed.application.RequestContext;
import io.keyfed.domain.object.LifecycleException;
import io.keyfed.domain.object.ManagedObject;
import io.keyfed.kmip.message.ProtocolVersion;
import io.keyfed.kmip.payload.DiscoverVersions;
import io.keyfed.kmip.payload.RevokeRequest;
import io.keyfed.kmip.spec.KmipVersion;
import io.keyfed.kmip.spec.ObjectType;
import io.keyfed.kmip.spec.Operation;
import io.keyfed.kmip.spec.QueryFunction;
import io.keyfed.kmip.spec.ResultReason;
import io.keyfed.kmip.spec.RevocationReasonCode;
import io.keyfed.kmip.spec.State;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.ttlv.Ttlv;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Activate, Revoke, Destroy (KMIP 1.4 §4.19-4.21), Discover Versions (§4.26) and Query (§4.25)
 * as plain objects.
 */
class LifecycleDiscoverQueryTest {

  private final Handlers h = new Handlers();

  // ---- Activate, Revoke, Destroy ------------------------------------------------------------

  @Test
  void activateRevokeDestroy() {
    KmipVersion v = KmipVersion.V1_4;
    String uid = uidOf(h.create.handle(createAes(v, 128), context(v)));

    RequestContext ctx = context(v);
    assertEquals(uid, uidOf(h.activate.handle(Requests.uid(uid), ctx)));
    assertEquals(uid, ctx.idPlaceholder());
    ManagedObject o = h.repository.find(uid);
    assertEquals(State.ACTIVE, o.state());
    assertEquals(NOW, o.attribute(Tag.ACTIVATION_DATE).asInstant());

    // An Active object is revoked before it is destroyed.
    assertThrowsLifecycle(() -> h.destroy.handle(Requests.uid(uid), context(v)));
    assertThrowsLifecycle(() -> h.activate.handle(Requests.uid(uid), context(v)));

    Ttlv revoke = new RevokeRequest(uid, RevocationReasonCode.CESSATION_OF_OPERATION, "retired", null).encode();
    assertEquals(uid, uidOf(h.revoke.handle(revoke, context(v))));
    assertEquals(State.DEACTIVATED, o.state());
    assertEquals(NOW, o.attribute(Tag.DEACTIVATION_DATE).asInstant());
    assertEquals("retired", o.attribute(Tag.REVOCATION_REASON).child(Tag.REVOCATION_MESSAGE).asText());

    assertEquals(uid, uidOf(h.destroy.handle(Requests.uid(uid), context(v))));
    assertEquals(State.DESTROYED, o.state());
    assertEquals(NOW, o.attribute(Tag.DESTROY_DATE).asInstant());
    assertFails(ResultReason.OBJECT_DESTROYED, () -> h.get.handle(Requests.uid(uid), context(v)));
    assertThrowsLifecycle(() -> h.destroy.handle(Requests.uid(uid), context(v)));
  }

  @Test
  void revokeForACompromiseRecordsWhenItHappened() {
    KmipVersion v = KmipVersion.V2_1;
    String uid = uidOf(h.create.handle(createAes(v, 128), context(v)));
    Instant occurred = NOW.minusSeconds(3600);
    h.revoke.handle(new RevokeRequest(uid, RevocationReasonCode.KEY_COMPROMISE, null, occurred).encode(), context(v));
    ManagedObject o = h.repository.find(uid);
    assertEquals(State.COMPROMISED, o.state());
    assertEquals(NOW, o.attribute(Tag.COMPROMISE_DATE).asInstant());
    assertEquals(occurred, o.attribute(Tag.COMPROMISE_OCCURRENCE_DATE).asInstant());
    h.destroy.handle(Requests.uid(uid), context(v));
    assertEquals(State.DESTROYED_COMPROMISED, o.state());
  }

  @Test
  void theLifecycleOperationsUseTheIdPlaceholder() {
    KmipVersion v = KmipVersion.V2_0;
    RequestContext batch = context(v);
    String uid = uidOf(h.create.handle(createAes(v, 128), batch));
    h.activate.handle(null, batch);
    h.revoke.handle(new RevokeRequest(null, RevocationReasonCode.SUPERSEDED, null, null).encode(), batch);
    h.destroy.handle(Requests.uid(null), batch);
    assertEquals(State.DESTROYED, h.repository.find(uid).state());
  }

  @Test
  void lifecycleRefusals() {
    KmipVersion v = KmipVersion.V1_4;
    String uid = uidOf(h.create.handle(createAes(v, 128), context(v)));
    assertFails(ResultReason.INVALID_MESSAGE, () -> h.revoke.handle(Requests.uid(uid), context(v)));
    assertFails(ResultReason.OBJECT_NOT_FOUND, () -> h.activate.handle(Requests.uid("missing"), context(v))); // Item Not Found to 1.x
    assertFails(ResultReason.PERMISSION_DENIED, () -> h.destroy.handle(Requests.uid(uid), Handlers.context(Handlers.BOB, v)));
    assertFails(ResultReason.MISSING_DATA, () -> h.activate.handle(Requests.uid(null), context(v)));
    assertEquals(State.PRE_ACTIVE, h.repository.find(uid).state());
  }

  private static void assertThrowsLifecycle(Runnable r) {
    LifecycleException e = assertThrows(LifecycleException.class, r::run);
    assertEquals(ResultReason.WRONG_KEY_LIFECYCLE_STATE, e.resultReason());
  }

  // ---- Discover Versions --------------------------------------------------------------------

  @Test
  void discoverVersionsWithoutAListNamesEverySupportedVersionMostPreferredFirst() {
    List<ProtocolVersion> all = KmipService.SUPPORTED_VERSIONS.stream().map(ProtocolVersion::of).toList();
    assertEquals(List.of(new ProtocolVersion(2, 1), new ProtocolVersion(2, 0), new ProtocolVersion(1, 4), new ProtocolVersion(1, 3),
        new ProtocolVersion(1, 2), new ProtocolVersion(1, 1), new ProtocolVersion(1, 0)), all);
    assertEquals(all, discover(null));
    assertEquals(all, discover(Ttlv.structure(Tag.REQUEST_PAYLOAD, List.of())));
  }

  @Test
  void discoverVersionsKeepsTheClientsOrderAndDropsWhatIsNotSupported() {
    List<ProtocolVersion> asked = List.of(new ProtocolVersion(3, 0), new ProtocolVersion(1, 4), new ProtocolVersion(9, 9),
        new ProtocolVersion(1, 0), new ProtocolVersion(2, 1), new ProtocolVersion(1, 7));
    assertEquals(List.of(new ProtocolVersion(1, 4), new ProtocolVersion(1, 0), new ProtocolVersion(2, 1)),
        discover(new DiscoverVersions(asked).encodeRequest()));
    assertEquals(List.of(), discover(new DiscoverVersions(List.of(new ProtocolVersion(3, 0), new ProtocolVersion(0, 9))).encodeRequest()));
  }

  @Test
  void discoverVersionsOfAMalformedPayloadIsAnInvalidField() {
    assertFails(ResultReason.INVALID_FIELD,
        () -> h.discoverVersions.handle(Ttlv.text(Tag.REQUEST_PAYLOAD, "1.4"), context(KmipVersion.V1_4)));
  }

  private List<ProtocolVersion> discover(Ttlv payload) {
    Ttlv response = h.discoverVersions.handle(payload, context(KmipVersion.V1_4));
    assertTrue(response.is(Tag.RESPONSE_PAYLOAD));
    return DiscoverVersions.decode(response).protocolVersions();
  }

  // ---- Query --------------------------------------------------------------------------------

  @ParameterizedTest
  @EnumSource(value = KmipVersion.class, names = {"V1_0", "V1_4", "V2_1"})
  void queryOperationsListsTheHandledOperationsTheVersionDefines(KmipVersion v) {
    Ttlv response = query(v, QueryFunction.QUERY_OPERATIONS);
    Set<Operation> listed = response.children(Tag.OPERATION).stream()
        .map(t -> Operation.fromValue(t.asInt())).collect(Collectors.toSet());
    Set<Operation> expected = h.dispatcher.supportedOperations().stream()
        .filter(op -> op.since() == null || v.atLeast(op.since())).collect(Collectors.toSet());
    assertEquals(expected, listed);
    assertTrue(listed.containsAll(Set.of(Operation.CREATE, Operation.GET, Operation.LOCATE, Operation.QUERY)));
    // Discover Versions arrived in 1.1.
    assertEquals(v != KmipVersion.V1_0, listed.contains(Operation.DISCOVER_VERSIONS));
    assertEquals(List.of(Tag.OPERATION.value()), response.children().stream().map(Ttlv::tag).distinct().toList());
  }

  @Test
  void queryObjectsListsTheStoredObjectTypes() {
    Set<Integer> listed = query(KmipVersion.V1_4, QueryFunction.QUERY_OBJECTS).children(Tag.OBJECT_TYPE).stream()
        .map(Ttlv::asInt).collect(Collectors.toSet());
    assertTrue(listed.contains(ObjectType.SYMMETRIC_KEY.value()));
    assertTrue(listed.contains(ObjectType.SECRET_DATA.value()));
    // Templates are 1.x objects (removed in 2.0), Certificate Requests 2.x ones.
    assertTrue(listed.contains(ObjectType.TEMPLATE.value()));
    assertFalse(listed.contains(ObjectType.CERTIFICATE_REQUEST.value()));
    Set<Integer> in21 = query(KmipVersion.V2_1, QueryFunction.QUERY_OBJECTS).children(Tag.OBJECT_TYPE).stream()
        .map(Ttlv::asInt).collect(Collectors.toSet());
    assertFalse(in21.contains(ObjectType.TEMPLATE.value()));
    assertTrue(in21.contains(ObjectType.CERTIFICATE_REQUEST.value()));
  }

  @ParameterizedTest
  @EnumSource(value = KmipVersion.class, names = {"V1_0", "V1_2", "V1_4"})
  void queryServerInformationIn1xUsesOnlyVendorTags(KmipVersion v) {
    Ttlv response = query(v, QueryFunction.QUERY_SERVER_INFORMATION);
    assertEquals("Keyfed", response.child(Tag.VENDOR_IDENTIFICATION).asText());
    Ttlv info = response.child(Tag.SERVER_INFORMATION);
    assertFalse(info.children().isEmpty());
    for (Ttlv c : info.children()) {
      assertEquals(0x54, c.tag() >>> 16, () -> String.format("tag 0x%06X is not a vendor extension", c.tag()));
    }
    assertEquals(Handlers.SERVER_NAME, info.child(0x540001).asText());
  }

  @ParameterizedTest
  @EnumSource(value = KmipVersion.class, names = {"V2_0", "V2_1"})
  void queryServerInformationIn2xUsesServerName(KmipVersion v) {
    Ttlv info = query(v, QueryFunction.QUERY_SERVER_INFORMATION).child(Tag.SERVER_INFORMATION);
    assertEquals(Handlers.SERVER_NAME, info.child(Tag.SERVER_NAME).asText());
    assertEquals("Keyfed", info.child(Tag.PRODUCT_NAME).asText());
    for (Ttlv c : info.children()) {
      assertEquals(0x42, c.tag() >>> 16);
      assertTrue(Tag.fromValue(c.tag()).definedIn(v));
    }
  }

  @Test
  void queryAnswersSeveralFunctionsAndIgnoresTheOthers() {
    Ttlv response = query(KmipVersion.V2_1, QueryFunction.QUERY_OBJECTS, QueryFunction.QUERY_OPERATIONS,
        QueryFunction.QUERY_EXTENSION_LIST);
    assertFalse(response.children(Tag.OPERATION).isEmpty());
    assertFalse(response.children(Tag.OBJECT_TYPE).isEmpty());
    assertEquals(List.of(), query(KmipVersion.V2_1).children());
    assertEquals(List.of(), h.query.handle(null, context(KmipVersion.V2_1)).children());
  }

  private Ttlv query(KmipVersion v, QueryFunction... functions) {
    List<Ttlv> c = new ArrayList<>();
    for (QueryFunction f : functions) {
      c.add(Ttlv.enumeration(Tag.QUERY_FUNCTION, f));
    }
    Ttlv response = h.query.handle(Ttlv.structure(Tag.REQUEST_PAYLOAD, c), context(v));
    assertTrue(response.is(Tag.RESPONSE_PAYLOAD));
    return response;
  }
}
