package io.keyfed.domain.attribute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyfed.domain.attribute.AttributeRules.Verdict;
import io.keyfed.kmip.spec.KmipVersion;
import io.keyfed.kmip.spec.ObjectType;
import io.keyfed.kmip.spec.State;
import io.keyfed.kmip.spec.Tag;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The rules table: its facts as the specification states them, and the questions it answers. */
class AttributeRulesTest {

  private static final KmipVersion V10 = KmipVersion.V1_0;
  private static final KmipVersion V13 = KmipVersion.V1_3;
  private static final KmipVersion V14 = KmipVersion.V1_4;
  private static final KmipVersion V20 = KmipVersion.V2_0;
  private static final KmipVersion V21 = KmipVersion.V2_1;

  private final AttributeRules rules = AttributeRules.standard();

  @Test
  void oneEntryPerAttributeOfEveryVersion() {
    // 1.0: 33 rules tables, 1.4: 51, 2.1: 62 (+ Vendor Attribute, which has none); 67 in all.
    assertEquals(67, rules.all().size());
    assertEquals(33, definedIn(V10).size() - 0);
    assertEquals(51, definedIn(V14).size());
    assertEquals(63, definedIn(V21).size(), "2.1's 62 tables and the Vendor Attribute");
    for (AttributeRule r : rules.all()) {
      for (KmipVersion v : List.of(V10, KmipVersion.V1_1, KmipVersion.V1_2, V13, V14, V20, V21)) {
        if (r.definedIn(v)) {
          assertNotNull(r.section(v), r + " has no section for " + v.label());
          assertFalse(r.appliesTo(v).isEmpty(), r + " applies to nothing in " + v.label());
          assertFalse(r.initiallySetBy(v).isEmpty(), r + " is set by nobody in " + v.label());
        }
      }
    }
  }

  @Test
  void versionsAgreeWithTheTagTable() {
    List<String> problems = new ArrayList<>();
    for (AttributeRule r : rules.all()) {
      Tag t = Tag.fromSpecName(r.name());
      if (t == null || r.isCustom()) {
        continue;
      }
      if (r.since().compareTo(t.since()) < 0) {
        problems.add(r + ": rules since " + r.since().label() + " but the tag only since " + t.since().label());
      }
      if (r.removedIn() != null && (t.removedIn() == null || t.removedIn() != r.removedIn())) {
        problems.add(r + ": removed in " + r.removedIn().label() + " but the tag " + (t.removedIn() == null ? "never" : "in " + t.removedIn().label()));
      }
    }
    assertEquals(List.of(), problems);
  }

  @Test
  void factsOfTheSpecification() {
    AttributeRule activation = rules.rule("Activation Date");
    assertEquals("KMIP 1.0 §3.19", activation.citation(V10));
    assertEquals("KMIP 1.4 §3.24", activation.citation(V14));
    assertEquals("KMIP 2.1 §4.1", activation.citation(V21));
    assertEquals(List.of("Server", "Client"), activation.initiallySetBy(V21));
    assertEquals(Set.of(State.PRE_ACTIVE), activation.clientModifiableStates());
    assertEquals("Yes, only while in Pre-Active state", activation.text("modifiableByClient", V14));
    assertFalse(activation.deletableByClient(V21));
    assertEquals(List.of("All Cryptographic Objects", "Templates"), activation.appliesTo(V14));
    assertEquals(List.of("All Objects"), activation.appliesTo(V21));
    assertTrue(activation.whenImplicitlySet(V14).contains("Re-key Key Pair"));
    assertFalse(activation.whenImplicitlySet(V10).contains("Re-key Key Pair"), "1.0 has no Re-key Key Pair");

    AttributeRule fresh = rules.rule("Fresh");
    assertEquals(KmipVersion.V1_1, fresh.since());
    assertFalse(fresh.alwaysHasValue(V14));
    assertTrue(fresh.alwaysHasValue(V21), "2.0 made Fresh always present");
    assertFalse(fresh.definedIn(V10));

    AttributeRule policy = rules.rule("Operation Policy Name");
    assertEquals(V13, policy.deprecatedIn());
    assertEquals(V20, policy.removedIn());
    assertTrue(policy.definedIn(V14));
    assertFalse(policy.definedIn(V20));

    assertTrue(rules.rule("Process Start Date").clientModifiableUntilReached());
    assertEquals(Set.of(State.PRE_ACTIVE, State.ACTIVE), rules.rule("Deactivation Date").clientModifiableStates());
    assertTrue(rules.rule("Name").unique());
    assertTrue(rules.rule("Digest").alwaysHasValue(V14));
    assertEquals("4.60 Vendor Attribute", rules.rule("x-anything").section(V21));
  }

  @Test
  void multiValued() {
    assertTrue(rules.isMultiValued("Name", V10));
    assertTrue(rules.isMultiValued("Link", V21));
    assertTrue(rules.isMultiValued("Object Group", V14));
    assertTrue(rules.isMultiValued("x-ID", V14), "custom attributes");
    assertTrue(rules.isMultiValued("tc-Set", V20), "2.x vendor attributes (TC-SETATTR-3-20 adds a second value)");
    // BL-M-5-21: a second Description is Attribute Single Valued.
    assertFalse(rules.isMultiValued("Description", V21));
    assertFalse(rules.isMultiValued("Cryptographic Algorithm", V14));
    assertFalse(rules.isMultiValued("Sensitive", V13), "not an attribute of 1.3");
  }

  @Test
  void atCreation() {
    assertEquals(Verdict.ALLOWED, rules.atCreation("Name", ObjectType.SYMMETRIC_KEY, V14));
    assertEquals(Verdict.ALLOWED, rules.atCreation("Cryptographic Algorithm", ObjectType.SYMMETRIC_KEY, V14),
        "set by the server from the client's request");
    assertEquals(Verdict.ALLOWED, rules.atCreation("Certificate Type", ObjectType.CERTIFICATE, V21), "BL-M-10-21");
    assertEquals(Verdict.ALLOWED, rules.atCreation("Process Start Date", ObjectType.PRIVATE_KEY, V14), "CS-AC-M-8-14");
    assertFalse(rules.rule("Process Start Date").appliesTo(ObjectType.PRIVATE_KEY, V14), "1.4's own table says symmetric keys");
    assertEquals(Verdict.ALLOWED, rules.atCreation("Cryptographic Length", ObjectType.SECRET_DATA, V14), "TC-CREATE-SD-1-14");
    assertEquals(Verdict.READ_ONLY, rules.atCreation("Unique Identifier", ObjectType.SYMMETRIC_KEY, V21));
    assertEquals(Verdict.READ_ONLY, rules.atCreation("State", ObjectType.SYMMETRIC_KEY, V14));
    assertEquals(Verdict.READ_ONLY, rules.atCreation("Initial Date", ObjectType.SYMMETRIC_KEY, V14));
    assertEquals(Verdict.READ_ONLY, rules.atCreation("Digest", ObjectType.SYMMETRIC_KEY, V14));
    assertEquals(Verdict.READ_ONLY, rules.atCreation("Last Change Date", ObjectType.SECRET_DATA, V20));
    assertEquals(Verdict.NOT_APPLICABLE, rules.atCreation("Certificate Type", ObjectType.SYMMETRIC_KEY, V21));
    assertEquals(Verdict.NOT_IN_VERSION, rules.atCreation("Sensitive", ObjectType.SYMMETRIC_KEY, V13));
    assertEquals(Verdict.NOT_IN_VERSION, rules.atCreation("Operation Policy Name", ObjectType.SYMMETRIC_KEY, V21));
    assertEquals(Verdict.UNKNOWN, rules.atCreation("Key Block", ObjectType.SYMMETRIC_KEY, V21));
    assertEquals(Verdict.ALLOWED, rules.atCreation("x-ID", ObjectType.SYMMETRIC_KEY, V10));
    assertEquals(Verdict.READ_ONLY, rules.atCreation("y-ID", ObjectType.SYMMETRIC_KEY, V10), "the server's custom attributes");
  }

  @Test
  void addModifyDelete() {
    // Name: client may do everything.
    assertEquals(Verdict.ALLOWED, rules.toAdd("Name", ObjectType.PUBLIC_KEY, V21));
    assertEquals(Verdict.ALLOWED, rules.toModify("Name", ObjectType.PUBLIC_KEY, V21));
    assertEquals(Verdict.ALLOWED, rules.toDelete("Name", ObjectType.PUBLIC_KEY, V21));
    // State and Certificate Length are read-only (BL-M-7-21, BL-M-10-21).
    assertEquals(Verdict.READ_ONLY, rules.toModify("State", ObjectType.PRIVATE_KEY, V21));
    assertEquals(Verdict.READ_ONLY, rules.toModify("Certificate Length", ObjectType.CERTIFICATE, V21));
    assertEquals(Verdict.READ_ONLY, rules.toModify("Certificate Subject CN", ObjectType.CERTIFICATE, V21),
        "a field of Certificate Attributes");
    // Original Creation Date: not modifiable, but a client may add it later (1.4 §3.43).
    assertEquals(Verdict.ALLOWED, rules.toAdd("Original Creation Date", ObjectType.SYMMETRIC_KEY, V14));
    assertEquals(Verdict.READ_ONLY, rules.toModify("Original Creation Date", ObjectType.SYMMETRIC_KEY, V14));
    // Activation Date: modifiable (in Pre-Active), never deletable.
    assertEquals(Verdict.ALLOWED, rules.toModify("Activation Date", ObjectType.SYMMETRIC_KEY, V14));
    assertEquals(Verdict.READ_ONLY, rules.toDelete("Activation Date", ObjectType.SYMMETRIC_KEY, V14));
    // Cryptographic Usage Mask: set by client at creation, not modifiable by it afterwards.
    assertEquals(Verdict.READ_ONLY, rules.toModify("Cryptographic Usage Mask", ObjectType.SYMMETRIC_KEY, V14));
    // Custom attributes: the client's, not the server's.
    assertEquals(Verdict.ALLOWED, rules.toDelete("x-attribute1", ObjectType.SYMMETRIC_KEY, V10));
    assertEquals(Verdict.READ_ONLY, rules.toModify("y-attribute1", ObjectType.SYMMETRIC_KEY, V10));
    assertEquals(Verdict.ALLOWED, rules.toModify("x-VendorAttribute2", ObjectType.SYMMETRIC_KEY, V21));
    // Contact Information, Description: client may do everything.
    assertEquals(Verdict.ALLOWED, rules.toModify("Contact Information", ObjectType.SYMMETRIC_KEY, KmipVersion.V1_1));
    assertEquals(Verdict.ALLOWED, rules.toAdd("Description", ObjectType.OPAQUE_OBJECT, V21));
  }

  @Test
  void laterVersionsAnswerWithTheLatestTable() {
    assertEquals(Verdict.ALLOWED, rules.toModify("Name", ObjectType.SYMMETRIC_KEY, KmipVersion.V3_0));
    assertEquals("4.32", rules.rule("Name").section(KmipVersion.V3_0));
  }

  @Test
  void aMalformedTableNamesTheEntry() {
    String json = "{\"objectTypeGroups\": {\"All Objects\": [\"*\"]}, \"attributes\": [{\"name\": \"Broken\", \"since\": \"1.9\"}]}";
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> AttributeRules.load(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8))));
    assertTrue(e.getMessage().contains("Broken"), e.getMessage());
  }

  @Test
  void unknownNames() {
    assertNull(rules.rule("Key Block"));
    assertNull(rules.rule("NoDash"));
    assertSame(rules.rule("x-a"), rules.rule("vendor-b"));
  }

  private List<AttributeRule> definedIn(KmipVersion v) {
    return rules.all().stream().filter(r -> r.definedIn(v)).toList();
  }
}
