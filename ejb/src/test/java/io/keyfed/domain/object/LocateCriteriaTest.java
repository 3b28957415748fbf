package io.keyfed.domain.object;

import static io.keyfed.domain.object.ManagedObjectAttributesTest.name;
import static io.keyfed.domain.object.ManagedObjectAttributesTest.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyfed.kmip.attribute.Attribute;
import io.keyfed.kmip.message.KmipException;
import io.keyfed.kmip.spec.CryptographicUsageMask;
import io.keyfed.kmip.spec.LinkType;
import io.keyfed.kmip.spec.ObjectGroupMember;
import io.keyfed.kmip.spec.ObjectType;
import io.keyfed.kmip.spec.RevocationReasonCode;
import io.keyfed.kmip.spec.StorageStatusMask;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.ttlv.Ttlv;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Locate's matching rules, order and paging, on loaded objects (what the database cannot decide). */
class LocateCriteriaTest {

  private final Instant t0 = Instant.parse("2024-01-01T00:00:00Z");
  private final List<ManagedObject> all = new ArrayList<>();

  @Test
  void noAttributesMatchesEveryObjectOfTheOwnerNewestFirst() throws Exception {
    ManagedObject a = object("alice", ObjectType.SYMMETRIC_KEY);
    ManagedObject b = object("alice", ObjectType.SECRET_DATA);
    object("bob", ObjectType.SYMMETRIC_KEY);
    LocatePage p = select(LocateCriteria.of("alice", List.of(), null, null));
    assertEquals(List.of(b.uniqueIdentifier(), a.uniqueIdentifier()), p.uniqueIdentifiers());
    assertEquals(2, p.locatedItems());
  }

  @Test
  void pagesAndLocatedItems() throws Exception {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      ids.add(0, object("alice", ObjectType.SYMMETRIC_KEY).uniqueIdentifier());
    }
    // TC-OFFSET-1-14: offset 1 max 1 → the 4th created; offset 3 max 2 → the 2nd and 1st.
    assertEquals(List.of(ids.get(1)), select(LocateCriteria.of("alice", List.of(), 1, 1)).uniqueIdentifiers());
    LocatePage last = select(LocateCriteria.of("alice", List.of(), 3, 2));
    assertEquals(List.of(ids.get(3), ids.get(4)), last.uniqueIdentifiers());
    assertEquals(5, last.locatedItems());
    assertEquals(List.of(), select(LocateCriteria.of("alice", List.of(), 9, null)).uniqueIdentifiers());
    assertEquals(List.of(), select(LocateCriteria.of("alice", List.of(), null, 0)).uniqueIdentifiers());
  }

  @Test
  void wildcardsInTextAndNames() throws Exception {
    ManagedObject k1 = object("alice", ObjectType.SYMMETRIC_KEY, name("db-key-1"), text("x-owner", "team a"));
    ManagedObject k2 = object("alice", ObjectType.SYMMETRIC_KEY, name("db-key-22"));
    object("alice", ObjectType.SYMMETRIC_KEY, name("web-key"));
    ManagedObject star = object("alice", ObjectType.SYMMETRIC_KEY, name("odd*name"));
    assertEquals(List.of(k2.uniqueIdentifier(), k1.uniqueIdentifier()), ids(name("db-*")));
    assertEquals(List.of(k1.uniqueIdentifier()), ids(name("db-key-?")));
    assertEquals(List.of(k1.uniqueIdentifier()), ids(name("db-key-1")), "no wildcard: exact");
    assertEquals(List.of(), ids(name("DB-*")), "case-sensitive");
    assertEquals(List.of(k1.uniqueIdentifier()), ids(text("x-owner", "team*")));
    assertEquals(List.of(star.uniqueIdentifier()), ids(name("odd*name")), "a literal * is found by itself");
    // A Name with only its Name Value matches any Name Type.
    Attribute valueOnly = Attribute.of(Tag.NAME, Ttlv.structure(Tag.NAME, Ttlv.text(Tag.NAME_VALUE, "web-*")));
    assertEquals(1, ids(valueOnly).size());
  }

  @Test
  void likePatternsEscapeSqlWildcards() {
    assertEquals("a!%b!_c%d_!!", AttributeFilter.like("a%b_c*d?!"));
    assertTrue(AttributeFilter.regex("a.b*").matcher("a.bcd").matches());
    assertFalse(AttributeFilter.regex("a.b*").matcher("axbcd").matches(), "regex characters are literal");
  }

  /** TC-OFFSET-1-14 / BL-M-4-21: two values of a date are a range, limits included. */
  @Test
  void twoDatesAreARange() throws Exception {
    ManagedObject early = object("alice", ObjectType.SECRET_DATA, date(Tag.PROTECT_STOP_DATE, t0));
    ManagedObject late = object("alice", ObjectType.SECRET_DATA, date(Tag.PROTECT_STOP_DATE, t0.plusSeconds(100)));
    assertEquals(List.of(late.uniqueIdentifier(), early.uniqueIdentifier()),
        ids(date(Tag.PROTECT_STOP_DATE, t0), date(Tag.PROTECT_STOP_DATE, t0.plusSeconds(100))));
    assertEquals(List.of(late.uniqueIdentifier()),
        ids(date(Tag.PROTECT_STOP_DATE, t0.plusSeconds(200)), date(Tag.PROTECT_STOP_DATE, t0.plusSeconds(1))), "either order");
    assertEquals(List.of(early.uniqueIdentifier()), ids(date(Tag.PROTECT_STOP_DATE, t0)), "one value: that date");
    Attribute max = Attribute.of(Tag.PROTECT_STOP_DATE, Ttlv.dateTime(Tag.PROTECT_STOP_DATE.value(), Long.MAX_VALUE));
    assertEquals(2, ids(max).size(), "the largest date is no condition");
    assertEquals(List.of(late.uniqueIdentifier()), ids(date(Tag.PROTECT_STOP_DATE, t0.plusSeconds(50)), max), "an open end");
    assertThrows(KmipException.class, () -> ids(date(Tag.PROTECT_STOP_DATE, t0), date(Tag.PROTECT_STOP_DATE, t0), date(Tag.PROTECT_STOP_DATE, t0)));
  }

  @Test
  void usageMaskUsageLimitsAndPartialStructures() throws Exception {
    int encDec = CryptographicUsageMask.ENCRYPT.value() | CryptographicUsageMask.DECRYPT.value();
    ManagedObject k = object("alice", ObjectType.SYMMETRIC_KEY,
        Attribute.of(Tag.CRYPTOGRAPHIC_USAGE_MASK, Ttlv.integer(Tag.CRYPTOGRAPHIC_USAGE_MASK, encDec)),
        Attribute.of(Tag.USAGE_LIMITS, Ttlv.structure(Tag.USAGE_LIMITS,
            Ttlv.longInteger(Tag.USAGE_LIMITS_TOTAL, 100), Ttlv.longInteger(Tag.USAGE_LIMITS_COUNT, 40))),
        Attribute.of(Tag.LINK, Ttlv.structure(Tag.LINK,
            Ttlv.enumeration(Tag.LINK_TYPE, LinkType.PUBLIC_KEY_LINK), Ttlv.text(Tag.LINKED_OBJECT_IDENTIFIER, "pub-1"))));
    String id = k.uniqueIdentifier();
    assertEquals(List.of(id), ids(Attribute.of(Tag.CRYPTOGRAPHIC_USAGE_MASK,
        Ttlv.integer(Tag.CRYPTOGRAPHIC_USAGE_MASK, CryptographicUsageMask.ENCRYPT.value()))), "a subset of the object's bits");
    assertEquals(List.of(), ids(Attribute.of(Tag.CRYPTOGRAPHIC_USAGE_MASK,
        Ttlv.integer(Tag.CRYPTOGRAPHIC_USAGE_MASK, encDec | CryptographicUsageMask.SIGN.value()))));
    assertEquals(List.of(id), ids(Attribute.of(Tag.USAGE_LIMITS, Ttlv.structure(Tag.USAGE_LIMITS,
        Ttlv.longInteger(Tag.USAGE_LIMITS_COUNT, 40)))), "at least the count");
    assertEquals(List.of(), ids(Attribute.of(Tag.USAGE_LIMITS, Ttlv.structure(Tag.USAGE_LIMITS,
        Ttlv.longInteger(Tag.USAGE_LIMITS_TOTAL, 101)))));
    assertEquals(List.of(id), ids(Attribute.of(Tag.LINK, Ttlv.structure(Tag.LINK, Ttlv.text(Tag.LINKED_OBJECT_IDENTIFIER, "pub-1")))),
        "Linked Object Identifier without Link Type (1.4 §4.9)");
    assertEquals(List.of(), ids(Attribute.of(Tag.LINK, Ttlv.structure(Tag.LINK,
        Ttlv.enumeration(Tag.LINK_TYPE, LinkType.PRIVATE_KEY_LINK), Ttlv.text(Tag.LINKED_OBJECT_IDENTIFIER, "pub-1")))));
  }

  /** SKFF-M-5-21: a destroyed object is not found unless asked for; 1.x has no way to ask. */
  @Test
  void storageStatusMask() throws Exception {
    ManagedObject online = object("alice", ObjectType.SYMMETRIC_KEY);
    ManagedObject archived = object("alice", ObjectType.SYMMETRIC_KEY);
    archived.archive(t0);
    ManagedObject destroyed = object("alice", ObjectType.SYMMETRIC_KEY);
    destroyed.destroy(t0);
    assertEquals(List.of(online.uniqueIdentifier()), select(criteria(null)).uniqueIdentifiers());
    assertEquals(List.of(archived.uniqueIdentifier()), select(criteria(StorageStatusMask.ARCHIVAL_STORAGE.value())).uniqueIdentifiers());
    assertEquals(List.of(destroyed.uniqueIdentifier()), select(criteria(StorageStatusMask.DESTROYED_STORAGE.value())).uniqueIdentifiers());
    assertEquals(3, select(criteria(7)).locatedItems());
    assertEquals(List.of(archived.uniqueIdentifier(), online.uniqueIdentifier()), select(criteria(3)).uniqueIdentifiers(),
        "TC-101: on-line and archival");
    archived.recover(t0);
    assertEquals(2, select(criteria(null)).locatedItems());
    destroyed.revoke(RevocationReasonCode.KEY_COMPROMISE, null, null, t0);
    assertEquals(1, select(criteria(StorageStatusMask.DESTROYED_STORAGE.value())).locatedItems(), "Destroyed Compromised too");
  }

  /** TC-152-11: Group Member Fresh, oldest first; Get makes an object no longer fresh. */
  @Test
  void groupMemberFresh() throws Exception {
    ManagedObject first = object("alice", ObjectType.SYMMETRIC_KEY, text("Object Group", "ClientFreshTest"));
    ManagedObject second = object("alice", ObjectType.SYMMETRIC_KEY, text("Object Group", "ClientFreshTest"));
    LocateCriteria fresh = LocateCriteria.of("alice", List.of(text("Object Group", "ClientFreshTest")), null,
        ObjectGroupMember.GROUP_MEMBER_FRESH, null, 1);
    assertEquals(List.of(first.uniqueIdentifier()), select(fresh).uniqueIdentifiers());
    first.markServed(t0);
    assertEquals(List.of(second.uniqueIdentifier()), select(fresh).uniqueIdentifiers());
    second.markServed(t0);
    assertEquals(List.of(), select(fresh).uniqueIdentifiers());
  }

  /** TC-153-11: Group Member Default serves the group round robin. */
  @Test
  void groupMemberDefault() throws Exception {
    List<ManagedObject> keys = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      keys.add(object("alice", ObjectType.SYMMETRIC_KEY, text("Object Group", "RoundRobinTestGroup")));
    }
    LocateCriteria dflt = LocateCriteria.of("alice", List.of(text("Object Group", "RoundRobinTestGroup")), null,
        ObjectGroupMember.GROUP_MEMBER_DEFAULT, null, 1);
    List<String> served = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      String id = select(dflt).uniqueIdentifiers().get(0);
      served.add(id);
      all.stream().filter(o -> o.uniqueIdentifier().equals(id)).findFirst().orElseThrow().markServed(t0);
      Thread.sleep(2);
    }
    assertEquals(List.of(keys.get(0).uniqueIdentifier(), keys.get(1).uniqueIdentifier(), keys.get(2).uniqueIdentifier(),
        keys.get(0).uniqueIdentifier()), served);
  }

  @Test
  void columnsAndExactness() throws Exception {
    ManagedObject k = object("alice", ObjectType.SYMMETRIC_KEY);
    object("alice", ObjectType.SECRET_DATA);
    Attribute type = Attribute.of(Tag.OBJECT_TYPE, Ttlv.enumeration(Tag.OBJECT_TYPE, ObjectType.SYMMETRIC_KEY));
    Attribute uid = Attribute.of(Tag.UNIQUE_IDENTIFIER, Ttlv.text(Tag.UNIQUE_IDENTIFIER, k.uniqueIdentifier()));
    assertEquals(List.of(k.uniqueIdentifier()), ids(type));
    assertEquals(List.of(k.uniqueIdentifier()), ids(uid));
    assertTrue(LocateCriteria.of("alice", List.of(type, uid, name("n")), null, null).exactInSql());
    assertFalse(LocateCriteria.of("alice", List.of(name("n*")), null, null).exactInSql(), "patterns: SQL narrows only");
    assertFalse(LocateCriteria.of("alice", List.of(), null, ObjectGroupMember.GROUP_MEMBER_FRESH, null, null).exactInSql());
  }

  // ---- helpers ------------------------------------------------------------------------------

  private ManagedObject object(String owner, ObjectType type, Attribute... attributes) throws InterruptedException {
    Thread.sleep(1); // distinct creation instants
    ManagedObject o = ManagedObject.create("uid-" + System.nanoTime(), type, owner, List.of(attributes), new byte[] {1}, t0);
    all.add(o);
    return o;
  }

  private LocateCriteria criteria(Integer mask) {
    return LocateCriteria.of("alice", List.of(), mask, null, null, null);
  }

  private LocatePage select(LocateCriteria c) {
    return c.select(all);
  }

  private List<String> ids(Attribute... attributes) {
    return select(LocateCriteria.of("alice", List.of(attributes), null, null)).uniqueIdentifiers();
  }

  private static Attribute date(Tag tag, Instant t) {
    return Attribute.of(tag, Ttlv.dateTime(tag, t));
  }
}
