package io.keyfed.domain.object;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyfed.kmip.attribute.Attribute;
import io.keyfed.kmip.attribute.AttributeInstance;
import io.keyfed.kmip.message.KmipException;
import io.keyfed.kmip.spec.AdjustmentType;
import io.keyfed.kmip.spec.CryptographicAlgorithm;
import io.keyfed.kmip.spec.KmipVersion;
import io.keyfed.kmip.spec.NameType;
import io.keyfed.kmip.spec.ObjectType;
import io.keyfed.kmip.spec.ResultReason;
import io.keyfed.kmip.spec.RevocationReasonCode;
import io.keyfed.kmip.spec.State;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.ttlv.Ttlv;
import java.lang.reflect.Field;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The attribute actions of {@link ManagedObject}: the rules they consult, the Result Reasons of
 * each version, Attribute Index stability and Last Change Date. OASIS test cases cited where they
 * exercise the same rule.
 */
class ManagedObjectAttributesTest {

  private static final KmipVersion V10 = KmipVersion.V1_0;
  private static final KmipVersion V11 = KmipVersion.V1_1;
  private static final KmipVersion V14 = KmipVersion.V1_4;
  private static final KmipVersion V20 = KmipVersion.V2_0;
  private static final KmipVersion V21 = KmipVersion.V2_1;

  private final Instant t0 = Instant.parse("2024-01-01T00:00:00Z");
  private final Instant t1 = t0.plusSeconds(60);

  // ---- Attribute Index ----------------------------------------------------------------------

  /** TC-171-11: two Names; deleting without index deletes index 0; the other keeps index 1. */
  @Test
  void indicesStayWhenAnotherInstanceIsDeleted() {
    ManagedObject o = key(name("name1"), name("name2"), text("Contact Information", "admin@localhost"));
    assertEquals(List.of(0, 1), indices(o, "Name"));

    AttributeInstance deleted = o.deleteAttribute("Name", (Integer) null, V11, t1);
    assertEquals(0, deleted.index());
    assertEquals("name1", deleted.attribute().value().child(Tag.NAME_VALUE).asText());
    assertEquals(List.of(1), indices(o, "Name"), "name2 keeps its index (1.0 §2.1.1)");

    AttributeInstance added = o.addAttribute(name("name3"), V11, t1);
    assertEquals(2, added.index(), "one more than the highest");
    assertEquals(List.of(1, 2), indices(o, "Name"));
    assertEquals(ResultReason.ITEM_NOT_FOUND,
        reason(() -> o.modifyAttribute("Name", 0, name("x").value(), V14, t1)), "index 0 is gone");
    AttributeInstance modified = o.modifyAttribute("Name", 2, name("name3b").value(), V14, t1);
    assertEquals(2, modified.index());
    assertEquals(List.of(1, 2), indices(o, "Name"));
    assertEquals(t1, o.attribute(Tag.LAST_CHANGE_DATE).asInstant(), "Last Change Date follows every change");
  }

  @Test
  void kmip10DeleteNeedsTheIndexWhenThereAreSeveral() {
    ManagedObject o = key(name("a"), name("b"));
    assertEquals(ResultReason.INVALID_FIELD, reason(() -> o.deleteAttribute("Name", (Integer) null, V10, t1)));
    assertEquals(1, o.deleteAttribute("Name", 1, V10, t1).index());
    assertEquals(0, o.deleteAttribute("Name", (Integer) null, V10, t1).index(), "one left: no index needed");
  }

  @Test
  void legacyRowsGetTheirIndicesFromTheirPositions() throws Exception {
    ManagedObject o = key(name("a"), name("b"));
    Field index = StoredAttribute.class.getDeclaredField("attributeIndex");
    index.setAccessible(true);
    Field list = ManagedObject.class.getDeclaredField("storedAttributes");
    list.setAccessible(true);
    for (Object s : (List<?>) list.get(o)) {
      index.set(s, null);
    }
    assertEquals(List.of(0, 1), indices(o, "Name"));
    assertFalse(o.upgradeStoredAttributes(), "upgraded once");
  }

  // ---- Add ----------------------------------------------------------------------------------

  /** BL-M-5-21: a second Description. */
  @Test
  void singleValuedAttributeCannotBeAddedTwice() {
    ManagedObject o = key();
    o.addAttribute(text("Description", "This is opaque"), V21, t1);
    assertEquals(ResultReason.ATTRIBUTE_SINGLE_VALUED, reason(() -> o.addAttribute(text("Description", "again"), V21, t1)));
    assertEquals(ResultReason.ILLEGAL_OPERATION, reason(() -> o.addAttribute(text("Description", "again"), V14, t1)),
        "1.4 §11.15: the specified attribute already exists");
  }

  @Test
  void readOnlyAttributesCannotBeAdded() {
    ManagedObject o = key();
    Attribute state = Attribute.of(Tag.STATE, Ttlv.enumeration(Tag.STATE, State.ACTIVE));
    assertEquals(ResultReason.READ_ONLY_ATTRIBUTE, reason(() -> o.addAttribute(state, V21, t1)));
    assertEquals(ResultReason.PERMISSION_DENIED, reason(() -> o.addAttribute(state, V14, t1)));
    Attribute digest = Attribute.of(Tag.CERTIFICATE_LENGTH, Ttlv.integer(Tag.CERTIFICATE_LENGTH, 1));
    assertEquals(ResultReason.INVALID_ATTRIBUTE, reason(() -> o.addAttribute(digest, V21, t1)), "not for a symmetric key");
    assertEquals(ResultReason.PERMISSION_DENIED, reason(() -> o.addAttribute(digest, V14, t1)), "1.4 §11.15: not supported for this object");
    Attribute sensitive = Attribute.of(Tag.SENSITIVE, Ttlv.bool(Tag.SENSITIVE, true));
    assertEquals(ResultReason.INVALID_FIELD, reason(() -> o.addAttribute(sensitive, KmipVersion.V1_3, t1)), "Sensitive is 1.4+");
    assertEquals(ResultReason.PERMISSION_DENIED, reason(() -> o.addAttribute(text("y-server", "v"), V14, t1)), "the server's custom attribute");
  }

  /** BL-M-8-21: the object's own Name again. */
  @Test
  void aNameTheObjectHasIsNotUnique() {
    ManagedObject o = key(name("BL-M-8-21"));
    assertEquals(ResultReason.NON_UNIQUE_NAME_ATTRIBUTE, reason(() -> o.addAttribute(name("BL-M-8-21"), V21, t1)));
    assertEquals(ResultReason.ILLEGAL_OPERATION, reason(() -> o.addAttribute(name("BL-M-8-21"), V14, t1)));
    o.addAttribute(name("other"), V21, t1);
    assertEquals(ResultReason.NON_UNIQUE_NAME_ATTRIBUTE, reason(() -> o.modifyAttribute(name("other"), name("BL-M-8-21"), V21, t1)));
  }

  @Test
  void addedValuesAreLimited() {
    ManagedObject o = key();
    for (int i = 0; i < ManagedObject.MAX_INSTANCES; i++) {
      o.addAttribute(text("x-many", "v" + i), V14, t1);
    }
    assertEquals(ResultReason.INDEX_OUT_OF_BOUNDS, reason(() -> o.addAttribute(text("x-many", "more"), V14, t1)));
    assertEquals(ResultReason.SERVER_LIMIT_EXCEEDED, reason(() -> o.addAttribute(text("x-many", "more"), V21, t1)));
  }

  // ---- Modify -------------------------------------------------------------------------------

  /** BL-M-7-21 (State), BL-M-10-21 (Certificate Length): read-only. */
  @Test
  void readOnlyAttributesCannotBeModified() {
    ManagedObject o = key();
    Attribute state = Attribute.of(Tag.STATE, Ttlv.enumeration(Tag.STATE, State.COMPROMISED));
    assertEquals(ResultReason.ATTRIBUTE_READ_ONLY, reason(() -> o.modifyAttribute(null, state, V21, t1)));
    assertEquals(ResultReason.PERMISSION_DENIED, reason(() -> o.modifyAttribute("State", null, state.value(), V14, t1)));
    assertEquals(State.PRE_ACTIVE, o.state());
  }

  /** SKLC-M-3 and AKLC-M-3 of 1.0 to 2.1: Activation Date of an Active object. */
  @Test
  void activationDateChangesOnlyWhilePreActive() {
    ManagedObject o = key(Attribute.of(Tag.ACTIVATION_DATE, Ttlv.dateTime(Tag.ACTIVATION_DATE, t0.plusSeconds(3600))));
    assertEquals(State.PRE_ACTIVE, o.state());
    Attribute sooner = Attribute.of(Tag.ACTIVATION_DATE, Ttlv.dateTime(Tag.ACTIVATION_DATE, t0));
    o.modifyAttribute(null, sooner, V21, t1);
    assertEquals(State.ACTIVE, o.state(), "an Activation Date in the past activates");
    assertEquals(ResultReason.WRONG_KEY_LIFECYCLE_STATE, reason(() -> o.modifyAttribute(null, sooner, V21, t1)));
    assertEquals(ResultReason.PERMISSION_DENIED, reason(() -> o.modifyAttribute("Activation Date", null, sooner.value(), V14, t1)));
    assertEquals(ResultReason.ATTRIBUTE_READ_ONLY, reason(() -> o.deleteAttribute("Activation Date", (Attribute) null, V21, t1)));
  }

  @Test
  void processStartDateChangesOnlyUntilReached() {
    Attribute start = Attribute.of(Tag.PROCESS_START_DATE, Ttlv.dateTime(Tag.PROCESS_START_DATE, t0));
    ManagedObject o = key(start);
    Attribute later = Attribute.of(Tag.PROCESS_START_DATE, Ttlv.dateTime(Tag.PROCESS_START_DATE, t1.plusSeconds(99)));
    assertEquals(ResultReason.PERMISSION_DENIED, reason(() -> o.modifyAttribute(null, later, V21, t1)));
  }

  @Test
  void modifyNeedsAnExistingInstance() {
    ManagedObject o = key(text("x-a", "1"), text("x-a", "2"));
    assertEquals(ResultReason.ATTRIBUTE_NOT_FOUND, reason(() -> o.modifyAttribute(null, text("Contact Information", "c"), V21, t1)));
    assertEquals(ResultReason.INVALID_FIELD, reason(() -> o.modifyAttribute("Contact Information", null, Ttlv.text(Tag.ATTRIBUTE_VALUE, "c"), V14, t1)),
        "1.4 §11.16: the attribute needs to be added first");
    assertEquals(ResultReason.ATTRIBUTE_INSTANCE_NOT_FOUND, reason(() -> o.modifyAttribute(null, text("x-a", "3"), V21, t1)),
        "two values and no Current Attribute");
    assertEquals(ResultReason.ATTRIBUTE_INSTANCE_NOT_FOUND, reason(() -> o.modifyAttribute(text("x-a", "9"), text("x-a", "3"), V21, t1)));
    AttributeInstance m = o.modifyAttribute(text("x-a", "2"), text("x-a", "3"), V21, t1);
    assertEquals(1, m.index());
    assertEquals(List.of("1", "3"), values(o, "x-a"));
  }

  // ---- Delete -------------------------------------------------------------------------------

  @Test
  void deleteByReferenceDeletesEveryInstance() {
    ManagedObject o = key(text("x-a", "1"), text("x-a", "2"));
    assertEquals(2, o.deleteAttribute("x-a", (Attribute) null, V21, t1).size());
    assertEquals(List.of(), values(o, "x-a"));
    assertEquals(ResultReason.ATTRIBUTE_NOT_FOUND, reason(() -> o.deleteAttribute("x-a", (Attribute) null, V21, t1)));
    assertEquals(ResultReason.ITEM_NOT_FOUND, reason(() -> o.deleteAttribute("x-a", (Integer) null, V14, t1)));
    assertEquals(ResultReason.ATTRIBUTE_READ_ONLY, reason(() -> o.deleteAttribute("Initial Date", (Attribute) null, V21, t1)));
    assertEquals(ResultReason.PERMISSION_DENIED, reason(() -> o.deleteAttribute("Digest", (Integer) null, V14, t1)),
        "1.4 §11.17: read-only/REQUIRED");
  }

  // ---- Set ----------------------------------------------------------------------------------

  /** TC-SETATTR-1-20, TC-SETATTR-2-20, TC-SETATTR-3-20. */
  @Test
  void setAddsOrReplacesASingleValue() {
    ManagedObject o = key();
    o.setAttribute(Attribute.of(Tag.SENSITIVE, Ttlv.bool(Tag.SENSITIVE, true)), V20, t1);
    assertTrue(o.attribute(Tag.SENSITIVE).asBoolean());
    o.setAttribute(text("tc-Set", "one"), V20, t1);
    o.setAttribute(text("tc-Set", "two"), V20, t1);
    assertEquals(List.of("two"), values(o, "tc-Set"));
    o.addAttribute(text("tc-Set", "three"), V20, t1);
    assertEquals(ResultReason.MULTI_VALUED_ATTRIBUTE, reason(() -> o.setAttribute(text("tc-Set", "four"), V20, t1)));
    assertEquals(ResultReason.READ_ONLY_ATTRIBUTE,
        reason(() -> o.setAttribute(Attribute.of(Tag.INITIAL_DATE, Ttlv.dateTime(Tag.INITIAL_DATE, t1)), V20, t1)));
  }

  // ---- Adjust -------------------------------------------------------------------------------

  @Test
  void adjust() {
    ManagedObject o = key(Attribute.of(Tag.SENSITIVE, Ttlv.bool(Tag.SENSITIVE, false)));
    o.adjustAttribute("Sensitive", AdjustmentType.NEGATE, null, V21, t1);
    assertTrue(o.attribute(Tag.SENSITIVE).asBoolean());

    o.adjustAttribute("x-count", AdjustmentType.INCREMENT, Ttlv.integer(Tag.ADJUSTMENT_VALUE, 5), V21, t1);
    assertEquals(5, o.attributes("x-count").get(0).value().asInt(), "absent counts as 0");
    o.adjustAttribute("x-count", AdjustmentType.DECREMENT, null, V21, t1);
    assertEquals(4, o.attributes("x-count").get(0).value().asInt());

    o.addAttribute(Attribute.of(Tag.DEACTIVATION_DATE, Ttlv.dateTime(Tag.DEACTIVATION_DATE, t0.plusSeconds(7200))), V21, t1);
    o.adjustAttribute("Deactivation Date", AdjustmentType.INCREMENT, Ttlv.longInteger(Tag.ADJUSTMENT_VALUE, 60), V21, t1);
    assertEquals(t0.plusSeconds(7260), o.attribute(Tag.DEACTIVATION_DATE).asInstant());

    o.addAttribute(text("x-text", "t"), V21, t1);
    assertEquals(ResultReason.INVALID_DATA_TYPE, reason(() -> o.adjustAttribute("x-text", AdjustmentType.INCREMENT, null, V21, t1)));
    o.addAttribute(new Attribute("x-max", Ttlv.integer(Tag.ATTRIBUTE_VALUE, Integer.MAX_VALUE)), V21, t1);
    assertEquals(ResultReason.NUMERIC_RANGE, reason(() -> o.adjustAttribute("x-max", AdjustmentType.INCREMENT, null, V21, t1)));
    o.addAttribute(text("x-text", "u"), V21, t1);
    assertEquals(ResultReason.MULTI_VALUED_ATTRIBUTE, reason(() -> o.adjustAttribute("x-text", AdjustmentType.NEGATE, null, V21, t1)));
    assertEquals(ResultReason.ATTRIBUTE_NOT_FOUND,
        reason(() -> o.adjustAttribute("Protect Stop Date", AdjustmentType.INCREMENT, null, V21, t1)), "no date to adjust");
    assertEquals(ResultReason.READ_ONLY_ATTRIBUTE,
        reason(() -> o.adjustAttribute("Cryptographic Length", AdjustmentType.INCREMENT, null, V21, t1)));
  }

  // ---- creation and serving ------------------------------------------------------------------

  @Test
  void newObjectAttributes() {
    List<Attribute> ok = List.of(
        Attribute.of(Tag.CRYPTOGRAPHIC_ALGORITHM, Ttlv.enumeration(Tag.CRYPTOGRAPHIC_ALGORITHM, CryptographicAlgorithm.AES)),
        name("a"), name("b"), text("x-ID", "1"));
    ManagedObject.checkNewObjectAttributes(ObjectType.SYMMETRIC_KEY, ok, V14);
    Attribute initial = Attribute.of(Tag.INITIAL_DATE, Ttlv.dateTime(Tag.INITIAL_DATE, t0));
    assertEquals(ResultReason.INVALID_FIELD, reason(() -> ManagedObject.checkNewObjectAttributes(ObjectType.SYMMETRIC_KEY, List.of(initial), V14)));
    assertEquals(ResultReason.ATTRIBUTE_READ_ONLY, reason(() -> ManagedObject.checkNewObjectAttributes(ObjectType.SYMMETRIC_KEY, List.of(initial), V21)));
    List<Attribute> twice = List.of(text("Description", "a"), text("Description", "b"));
    assertEquals(ResultReason.ATTRIBUTE_SINGLE_VALUED, reason(() -> ManagedObject.checkNewObjectAttributes(ObjectType.SECRET_DATA, twice, V21)));
    assertEquals(ResultReason.NON_UNIQUE_NAME_ATTRIBUTE,
        reason(() -> ManagedObject.checkNewObjectAttributes(ObjectType.SECRET_DATA, List.of(name("a"), name("a")), V21)));
  }

  @Test
  void newObjectsAreFreshUntilServed() {
    ManagedObject o = key();
    assertTrue(o.attribute(Tag.FRESH).asBoolean());
    assertEquals(null, o.servedMicros());
    o.markServed(t1);
    assertFalse(o.attribute(Tag.FRESH).asBoolean());
    assertEquals(null, o.servedMicros(), "in no group: nothing else to record");
    ManagedObject grouped = key(text("Object Group", "g"));
    grouped.markServed(t1);
    assertNotNull(grouped.servedMicros(), "a group member: the most recently served of its group");
    ManagedObject given = key(Attribute.of(Tag.FRESH, Ttlv.bool(Tag.FRESH, false)));
    assertEquals(1, given.attributes("Fresh").size(), "a client's Fresh is kept, not doubled");
  }

  @Test
  void destroyedObjectsKeepTheirAttributes() {
    ManagedObject o = key(name("n"));
    o.revoke(RevocationReasonCode.CESSATION_OF_OPERATION, null, null, t1);
    o.destroy(t1);
    assertEquals(1, o.attributes("Name").size());
  }

  // ---- helpers ------------------------------------------------------------------------------

  private ManagedObject key(Attribute... attributes) {
    List<Attribute> as = new ArrayList<>(List.of(attributes));
    return ManagedObject.create("uid-" + System.nanoTime(), ObjectType.SYMMETRIC_KEY, "alice", as, new byte[] {1}, t0);
  }

  static Attribute name(String value) {
    return Attribute.of(Tag.NAME, Ttlv.structure(Tag.NAME,
        Ttlv.text(Tag.NAME_VALUE, value), Ttlv.enumeration(Tag.NAME_TYPE, NameType.UNINTERPRETED_TEXT_STRING)));
  }

  /** A Text String attribute, standard or custom. */
  static Attribute text(String name, String value) {
    Tag t = Tag.fromSpecName(name);
    return t == null ? new Attribute(name, Ttlv.text(Tag.ATTRIBUTE_VALUE, value)) : Attribute.of(t, Ttlv.text(t, value));
  }

  private static List<Integer> indices(ManagedObject o, String name) {
    return o.instances(name).stream().map(AttributeInstance::index).toList();
  }

  private static List<String> values(ManagedObject o, String name) {
    return o.attributes(name).stream().map(a -> a.value().asText()).toList();
  }

  private static ResultReason reason(Executable action) {
    KmipException e = assertThrows(KmipException.class, action);
    return e.resultReason();
  }
}
