package io.keyfed.domain.object;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyfed.kmip.attribute.Attribute;
import io.keyfed.kmip.message.KmipException;
import io.keyfed.kmip.spec.CryptographicAlgorithm;
import io.keyfed.kmip.spec.ObjectType;
import io.keyfed.kmip.spec.ResultReason;
import io.keyfed.kmip.spec.RevocationReasonCode;
import io.keyfed.kmip.spec.State;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.ttlv.Ttlv;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The lifecycle of a Managed Object (KMIP 1.4 §3.22, 2.1 §4.57): the ten numbered transitions,
 * each with the date attributes it records (KMIP 1.4 §3.23-3.32), every other combination of
 * state and operation refused with a {@link LifecycleException}, and the transitions the clock
 * makes when an Activation or Deactivation Date passes.
 */
class ManagedObjectLifecycleTest {

  private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");
  private static final Instant T1 = T0.plusSeconds(60);
  private static final Instant T2 = T0.plusSeconds(120);
  private static final Instant T3 = T0.plusSeconds(180);
  private static final Instant T4 = T0.plusSeconds(240);
  private static final byte[] SEALED = {1, 2, 3, 4};

  // ---- the numbered transitions -------------------------------------------------------------

  @Test
  void transition1CreatesAPreActiveObjectWithItsInitialDate() {
    ManagedObject o = newObject(List.of());
    assertEquals(State.PRE_ACTIVE, o.state());
    assertEquals(T0, date(o, Tag.INITIAL_DATE));
    assertEquals(T0, date(o, Tag.LAST_CHANGE_DATE));
    assertNull(o.attribute(Tag.ACTIVATION_DATE));
    assertFalse(o.isDestroyed());
    assertArrayEquals(SEALED, o.sealedObject());
  }

  @Test
  void transition2DestroysAPreActiveObject() {
    ManagedObject o = newObject(List.of());
    o.destroy(T1);
    assertEquals(State.DESTROYED, o.state());
    assertEquals(T1, date(o, Tag.DESTROY_DATE));
    assertEquals(T1, date(o, Tag.LAST_CHANGE_DATE));
    assertTrue(o.isDestroyed());
    KmipException gone = assertThrows(KmipException.class, o::sealedObject);
    assertEquals(ResultReason.OBJECT_DESTROYED, gone.resultReason());
  }

  @Test
  void transition3CompromisesAPreActiveObject() {
    ManagedObject o = newObject(List.of());
    o.revoke(RevocationReasonCode.KEY_COMPROMISE, "leaked", null, T1);
    assertEquals(State.COMPROMISED, o.state());
    assertEquals(T1, date(o, Tag.COMPROMISE_DATE));
    // KMIP 1.4 §4.20: without one in the request, the Compromise Occurrence Date is the Initial Date.
    assertEquals(T0, date(o, Tag.COMPROMISE_OCCURRENCE_DATE));
    assertEquals(T1, date(o, Tag.LAST_CHANGE_DATE));
    assertEquals(Ttlv.structure(Tag.REVOCATION_REASON,
            Ttlv.enumeration(Tag.REVOCATION_REASON_CODE, RevocationReasonCode.KEY_COMPROMISE),
            Ttlv.text(Tag.REVOCATION_MESSAGE, "leaked")),
        o.attribute(Tag.REVOCATION_REASON));
    assertArrayEquals(SEALED, o.sealedObject()); // compromised, not destroyed
  }

  @Test
  void transition4ActivatesAPreActiveObject() {
    ManagedObject o = newObject(List.of());
    o.activate(T1);
    assertEquals(State.ACTIVE, o.state());
    assertEquals(T1, date(o, Tag.ACTIVATION_DATE));
    assertEquals(T1, date(o, Tag.LAST_CHANGE_DATE));
    assertEquals(T0, date(o, Tag.INITIAL_DATE));
  }

  @Test
  void transition5CompromisesAnActiveObjectAtTheDateTheClientGives() {
    ManagedObject o = active();
    Instant occurred = T0.plusSeconds(30);
    o.revoke(RevocationReasonCode.CA_COMPROMISE, null, occurred, T2);
    assertEquals(State.COMPROMISED, o.state());
    assertEquals(T2, date(o, Tag.COMPROMISE_DATE));
    assertEquals(occurred, date(o, Tag.COMPROMISE_OCCURRENCE_DATE));
    assertEquals(T2, date(o, Tag.LAST_CHANGE_DATE));
    assertEquals(T1, date(o, Tag.ACTIVATION_DATE));
    assertEquals(Ttlv.structure(Tag.REVOCATION_REASON,
        Ttlv.enumeration(Tag.REVOCATION_REASON_CODE, RevocationReasonCode.CA_COMPROMISE)), o.attribute(Tag.REVOCATION_REASON));
  }

  @Test
  void transition6DeactivatesAnActiveObjectRevokedForAnotherReason() {
    ManagedObject o = active();
    o.revoke(RevocationReasonCode.CESSATION_OF_OPERATION, "retired", null, T2);
    assertEquals(State.DEACTIVATED, o.state());
    assertEquals(T2, date(o, Tag.DEACTIVATION_DATE));
    assertEquals(T2, date(o, Tag.LAST_CHANGE_DATE));
    assertNull(o.attribute(Tag.COMPROMISE_DATE));
    assertNull(o.attribute(Tag.COMPROMISE_OCCURRENCE_DATE));
    assertEquals(RevocationReasonCode.CESSATION_OF_OPERATION.value(),
        o.attribute(Tag.REVOCATION_REASON).child(Tag.REVOCATION_REASON_CODE).asInt());
  }

  @Test
  void transition7DestroysADeactivatedObject() {
    ManagedObject o = deactivated();
    o.destroy(T3);
    assertEquals(State.DESTROYED, o.state());
    assertEquals(T3, date(o, Tag.DESTROY_DATE));
    assertEquals(T2, date(o, Tag.DEACTIVATION_DATE));
    assertEquals(T3, date(o, Tag.LAST_CHANGE_DATE));
  }

  @Test
  void transition8CompromisesADeactivatedObject() {
    ManagedObject o = deactivated();
    o.revoke(RevocationReasonCode.KEY_COMPROMISE, null, null, T3);
    assertEquals(State.COMPROMISED, o.state());
    assertEquals(T3, date(o, Tag.COMPROMISE_DATE));
    assertEquals(T0, date(o, Tag.COMPROMISE_OCCURRENCE_DATE));
    assertEquals(T2, date(o, Tag.DEACTIVATION_DATE));
    assertEquals(T3, date(o, Tag.LAST_CHANGE_DATE));
  }

  @Test
  void transition9DestroysACompromisedObject() {
    ManagedObject o = compromised();
    o.destroy(T3);
    assertEquals(State.DESTROYED_COMPROMISED, o.state());
    assertEquals(T3, date(o, Tag.DESTROY_DATE));
    assertEquals(T1, date(o, Tag.COMPROMISE_DATE));
    assertEquals(T3, date(o, Tag.LAST_CHANGE_DATE));
    assertThrows(KmipException.class, o::sealedObject);
  }

  @Test
  void transition10CompromisesADestroyedObject() {
    ManagedObject o = destroyed();
    o.revoke(RevocationReasonCode.KEY_COMPROMISE, null, T0.plusSeconds(5), T3);
    assertEquals(State.DESTROYED_COMPROMISED, o.state());
    assertEquals(T3, date(o, Tag.COMPROMISE_DATE));
    assertEquals(T0.plusSeconds(5), date(o, Tag.COMPROMISE_OCCURRENCE_DATE));
    assertEquals(T1, date(o, Tag.DESTROY_DATE));
    assertEquals(T3, date(o, Tag.LAST_CHANGE_DATE));
  }

  // ---- the whole table: every state against every operation --------------------------------

  enum Op {
    ACTIVATE((o, t) -> o.activate(t)),
    REVOKE_OTHER((o, t) -> o.revoke(RevocationReasonCode.SUPERSEDED, null, null, t)),
    REVOKE_COMPROMISE((o, t) -> o.revoke(RevocationReasonCode.KEY_COMPROMISE, null, null, t)),
    DESTROY((o, t) -> o.destroy(t));

    final BiConsumer<ManagedObject, Instant> apply;

    Op(BiConsumer<ManagedObject, Instant> apply) {
      this.apply = apply;
    }
  }

  /**
   * Where each operation takes each state; a missing entry is refused. The ten transitions of
   * §3.22, plus two that Keyfed allows beyond them (see {@link #beyondSection322}).
   */
  private static final Map<State, Map<Op, State>> ALLOWED = new EnumMap<>(State.class);

  static {
    allow(State.PRE_ACTIVE, Op.DESTROY, State.DESTROYED);                       // 2
    allow(State.PRE_ACTIVE, Op.REVOKE_COMPROMISE, State.COMPROMISED);           // 3
    allow(State.PRE_ACTIVE, Op.ACTIVATE, State.ACTIVE);                         // 4
    allow(State.ACTIVE, Op.REVOKE_COMPROMISE, State.COMPROMISED);               // 5
    allow(State.ACTIVE, Op.REVOKE_OTHER, State.DEACTIVATED);                    // 6
    allow(State.DEACTIVATED, Op.DESTROY, State.DESTROYED);                      // 7
    allow(State.DEACTIVATED, Op.REVOKE_COMPROMISE, State.COMPROMISED);          // 8
    allow(State.COMPROMISED, Op.DESTROY, State.DESTROYED_COMPROMISED);          // 9
    allow(State.DESTROYED, Op.REVOKE_COMPROMISE, State.DESTROYED_COMPROMISED);  // 10
    for (Arguments a : beyondSection322().toList()) {
      allow((State) a.get()[0], (Op) a.get()[1], (State) a.get()[2]);
    }
  }

  /**
   * Keyfed's reading of Revoke (KMIP 1.4 §4.20: another reason "places the object into the
   * deactivated state") admits a Pre-Active object, and a Compromised object may be revoked for a
   * compromise again. §3.22 lists neither as a transition; kept here so that a change to them is
   * a deliberate one.
   */
  static Stream<Arguments> beyondSection322() {
    return Stream.of(
        Arguments.of(State.PRE_ACTIVE, Op.REVOKE_OTHER, State.DEACTIVATED),
        Arguments.of(State.COMPROMISED, Op.REVOKE_COMPROMISE, State.COMPROMISED));
  }

  private static void allow(State from, Op op, State to) {
    ALLOWED.computeIfAbsent(from, s -> new EnumMap<>(Op.class)).put(op, to);
  }

  static Stream<Arguments> everyStateAndOperation() {
    List<Arguments> out = new ArrayList<>();
    for (State s : State.values()) {
      for (Op op : Op.values()) {
        out.add(Arguments.of(s, op));
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{1} on {0}")
  @MethodSource("everyStateAndOperation")
  void everyOperationInEveryState(State from, Op op) {
    ManagedObject o = inState(from);
    State to = ALLOWED.getOrDefault(from, Map.of()).get(op);
    if (to != null) {
      op.apply.accept(o, T4);
      assertEquals(to, o.state());
      assertEquals(T4, date(o, Tag.LAST_CHANGE_DATE));
      return;
    }
    List<Attribute> before = o.attributes();
    LifecycleException e = assertThrows(LifecycleException.class, () -> op.apply.accept(o, T4));
    assertEquals(ResultReason.WRONG_KEY_LIFECYCLE_STATE, e.resultReason());
    assertEquals(from, o.state());
    assertEquals(before, o.attributes(), "a refused operation changes nothing");
  }

  @Test
  void theTableCoversTheTenTransitions() {
    long numbered = ALLOWED.values().stream().mapToLong(Map::size).sum() - beyondSection322().count();
    assertEquals(9, numbered, "transitions 2 to 10; transition 1 is creation");
  }

  // ---- the clock ----------------------------------------------------------------------------

  @Test
  void anActivationDateActivatesWhenItPasses() {
    ManagedObject o = newObject(List.of(date(Tag.ACTIVATION_DATE, T2)));
    assertEquals(State.PRE_ACTIVE, o.state());
    o.advanceClock(T2.minusSeconds(1));
    assertEquals(State.PRE_ACTIVE, o.state());
    o.advanceClock(T2);
    assertEquals(State.ACTIVE, o.state());
    assertEquals(T2, date(o, Tag.ACTIVATION_DATE));
  }

  @Test
  void anActivationDateInThePastActivatesAtCreation() {
    ManagedObject o = newObject(List.of(date(Tag.ACTIVATION_DATE, T0.minusSeconds(3600))));
    assertEquals(State.ACTIVE, o.state());
  }

  @Test
  void aDeactivationDateDeactivatesAnActiveObjectWhenItPasses() {
    ManagedObject o = newObject(List.of(date(Tag.ACTIVATION_DATE, T1), date(Tag.DEACTIVATION_DATE, T3)));
    o.advanceClock(T2);
    assertEquals(State.ACTIVE, o.state());
    o.advanceClock(T3);
    assertEquals(State.DEACTIVATED, o.state());
  }

  @Test
  void bothDatesPassedTakeAPreActiveObjectThroughActiveToDeactivated() {
    ManagedObject o = newObject(List.of(date(Tag.ACTIVATION_DATE, T1), date(Tag.DEACTIVATION_DATE, T2)));
    o.advanceClock(T4);
    assertEquals(State.DEACTIVATED, o.state());
  }

  @Test
  void stateByClockTellsTheDatesTransitionFromOtherChanges() {
    // A replica that arrived Pre-Active with its master's Activation Date: by its dates it is Active
    // at T2, and that is the only State the dates explain (a federation check relies on it).
    ManagedObject o = newObject(List.of(date(Tag.ACTIVATION_DATE, T2), date(Tag.DEACTIVATION_DATE, T4)));
    assertEquals(State.PRE_ACTIVE, o.stateByClock(State.PRE_ACTIVE, T1));
    assertEquals(State.ACTIVE, o.stateByClock(State.PRE_ACTIVE, T2));
    assertEquals(State.DEACTIVATED, o.stateByClock(State.PRE_ACTIVE, T4));
    assertEquals(State.COMPROMISED, o.stateByClock(State.COMPROMISED, T4));
    assertEquals(State.PRE_ACTIVE, o.state(), "asking changes nothing");
  }

  @Test
  void theClockLeavesCompromisedAndDestroyedObjectsAlone() {
    ManagedObject c = newObject(List.of(date(Tag.ACTIVATION_DATE, T2), date(Tag.DEACTIVATION_DATE, T3)));
    c.revoke(RevocationReasonCode.KEY_COMPROMISE, null, null, T1);
    c.advanceClock(T4);
    assertEquals(State.COMPROMISED, c.state());

    ManagedObject d = newObject(List.of(date(Tag.ACTIVATION_DATE, T2)));
    d.destroy(T1);
    d.advanceClock(T4);
    assertEquals(State.DESTROYED, d.state());
  }

  @Test
  void anActivatedObjectIsNotActivatedAgainByItsDate() {
    ManagedObject o = active();
    o.revoke(RevocationReasonCode.UNSPECIFIED, null, null, T2);
    o.advanceClock(T4);
    assertEquals(State.DEACTIVATED, o.state());
  }

  // ---- attributes ---------------------------------------------------------------------------

  @Test
  void uniqueIdentifierObjectTypeAndStateComeFirst() {
    Attribute alg = Attribute.of(Tag.CRYPTOGRAPHIC_ALGORITHM, Ttlv.enumeration(Tag.CRYPTOGRAPHIC_ALGORITHM, CryptographicAlgorithm.AES));
    Attribute len = Attribute.of(Tag.CRYPTOGRAPHIC_LENGTH, Ttlv.integer(Tag.CRYPTOGRAPHIC_LENGTH, 128));
    ManagedObject o = newObject(List.of(alg, len));
    o.activate(T1);

    List<Attribute> all = o.attributes();
    assertEquals(Attribute.of(Tag.UNIQUE_IDENTIFIER, Ttlv.text(Tag.UNIQUE_IDENTIFIER, "uid-1")), all.get(0));
    assertEquals(Attribute.of(Tag.OBJECT_TYPE, Ttlv.enumeration(Tag.OBJECT_TYPE, ObjectType.SYMMETRIC_KEY)), all.get(1));
    assertEquals(Attribute.of(Tag.STATE, Ttlv.enumeration(Tag.STATE, State.ACTIVE)), all.get(2));
    // Then the stored ones in the order they were set; a changed value keeps its place.
    assertEquals(List.of("Unique Identifier", "Object Type", "State", "Cryptographic Algorithm", "Cryptographic Length",
        "Fresh", "Original Creation Date", "Short Unique Identifier", "Protection Storage Mask", "Lease Time", "Sensitive", "Extractable",
        "Always Sensitive", "Never Extractable", "Initial Date", "Last Change Date", "Activation Date"), o.attributeNames());
    assertEquals(T1, date(o, Tag.LAST_CHANGE_DATE));
    assertThrows(UnsupportedOperationException.class, () -> all.add(alg));
  }

  @Test
  void aMultiValuedAttributeKeepsEveryValueInOrder() {
    Attribute n1 = name("first");
    Attribute n2 = name("second");
    ManagedObject o = newObject(List.of(n1, n2));
    assertEquals(List.of(n1, n2), o.attributes("Name"));
    assertEquals(n1.value(), o.attribute(Tag.NAME));
    assertEquals(1, o.attributeNames().stream().filter("Name"::equals).count());
    assertEquals(List.of(), o.attributes("x-missing"));
  }

  // ---- helpers ------------------------------------------------------------------------------

  private static ManagedObject newObject(List<Attribute> attributes) {
    return ManagedObject.create("uid-1", ObjectType.SYMMETRIC_KEY, "alice", attributes, SEALED, T0);
  }

  private static ManagedObject active() {
    ManagedObject o = newObject(List.of());
    o.activate(T1);
    return o;
  }

  private static ManagedObject deactivated() {
    ManagedObject o = active();
    o.revoke(RevocationReasonCode.AFFILIATION_CHANGED, null, null, T2);
    return o;
  }

  private static ManagedObject compromised() {
    ManagedObject o = newObject(List.of());
    o.revoke(RevocationReasonCode.KEY_COMPROMISE, null, null, T1);
    return o;
  }

  private static ManagedObject destroyed() {
    ManagedObject o = newObject(List.of());
    o.destroy(T1);
    return o;
  }

  private static ManagedObject inState(State s) {
    ManagedObject o = switch (s) {
      case PRE_ACTIVE -> newObject(List.of());
      case ACTIVE -> active();
      case DEACTIVATED -> deactivated();
      case COMPROMISED -> compromised();
      case DESTROYED -> destroyed();
      case DESTROYED_COMPROMISED -> {
        ManagedObject c = compromised();
        c.destroy(T2);
        yield c;
      }
    };
    assertEquals(s, o.state());
    return o;
  }

  private static Instant date(ManagedObject o, Tag tag) {
    Ttlv v = o.attribute(tag);
    return v == null ? null : v.asInstant();
  }

  private static Attribute date(Tag tag, Instant when) {
    return Attribute.of(tag, Ttlv.dateTime(tag, when));
  }

  private static Attribute name(String value) {
    return Attribute.of(Tag.NAME, Ttlv.structure(Tag.NAME, Ttlv.text(Tag.NAME_VALUE, value), Ttlv.enumeration(Tag.NAME_TYPE, 1)));
  }
}
