package io.keyfed.domain.attribute;

import io.keyfed.kmip.spec.KmipVersion;
import io.keyfed.kmip.spec.ObjectType;
import io.keyfed.kmip.spec.State;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;

/**
 * The rules table of one attribute (KMIP 1.4 §3.x, 2.1 §4.x), as one entry of
 * {@code attribute-rules.json}. Every fact that changed between versions is kept per version: the
 * methods taking a {@link KmipVersion} answer for that version, and answer "no" (false, empty) for a
 * version that does not define the attribute.
 */
public final class AttributeRule {

  private final String name;
  private final KmipVersion since;
  private final KmipVersion deprecatedIn;
  private final KmipVersion removedIn;
  private final NavigableMap<KmipVersion, String> sections;
  private final NavigableMap<KmipVersion, Boolean> alwaysHasValue;
  private final NavigableMap<KmipVersion, List<String>> initiallySetBy;
  private final NavigableMap<KmipVersion, Boolean> modifiableByServer;
  private final NavigableMap<KmipVersion, Boolean> modifiableByClient;
  private final NavigableMap<KmipVersion, Boolean> deletableByClient;
  private final NavigableMap<KmipVersion, Boolean> multipleInstances;
  private final NavigableMap<KmipVersion, List<String>> whenImplicitlySet;
  private final NavigableMap<KmipVersion, List<String>> appliesTo;
  private final NavigableMap<KmipVersion, Set<ObjectType>> objectTypes;
  private final Set<State> clientModifiableStates;
  private final boolean clientModifiableUntilReached;
  private final boolean suppliedInRequest;
  private final boolean custom;
  private final boolean unique;
  private final List<String> members;
  private final Map<String, NavigableMap<KmipVersion, String>> text;

  AttributeRule(String name, KmipVersion since, KmipVersion deprecatedIn, KmipVersion removedIn,
      NavigableMap<KmipVersion, String> sections, NavigableMap<KmipVersion, Boolean> alwaysHasValue,
      NavigableMap<KmipVersion, List<String>> initiallySetBy, NavigableMap<KmipVersion, Boolean> modifiableByServer,
      NavigableMap<KmipVersion, Boolean> modifiableByClient, NavigableMap<KmipVersion, Boolean> deletableByClient,
      NavigableMap<KmipVersion, Boolean> multipleInstances, NavigableMap<KmipVersion, List<String>> whenImplicitlySet,
      NavigableMap<KmipVersion, List<String>> appliesTo, NavigableMap<KmipVersion, Set<ObjectType>> objectTypes,
      Set<State> clientModifiableStates, boolean clientModifiableUntilReached, boolean suppliedInRequest,
      boolean custom, boolean unique, List<String> members, Map<String, NavigableMap<KmipVersion, String>> text) {
    this.name = name;
    this.since = since;
    this.deprecatedIn = deprecatedIn;
    this.removedIn = removedIn;
    this.sections = sections;
    this.alwaysHasValue = alwaysHasValue;
    this.initiallySetBy = initiallySetBy;
    this.modifiableByServer = modifiableByServer;
    this.modifiableByClient = modifiableByClient;
    this.deletableByClient = deletableByClient;
    this.multipleInstances = multipleInstances;
    this.whenImplicitlySet = whenImplicitlySet;
    this.appliesTo = appliesTo;
    this.objectTypes = objectTypes;
    this.clientModifiableStates = clientModifiableStates;
    this.clientModifiableUntilReached = clientModifiableUntilReached;
    this.suppliedInRequest = suppliedInRequest;
    this.custom = custom;
    this.unique = unique;
    this.members = members;
    this.text = text;
  }

  /** The attribute's name in the specification's words ("Cryptographic Usage Mask"). */
  public String name() {
    return name;
  }

  public KmipVersion since() {
    return since;
  }

  /** The version that deprecates the attribute, or null. */
  public KmipVersion deprecatedIn() {
    return deprecatedIn;
  }

  /** The first version without the attribute, or null. */
  public KmipVersion removedIn() {
    return removedIn;
  }

  /** Whether version {@code v} defines the attribute. */
  public boolean definedIn(KmipVersion v) {
    return v.atLeast(since) && (removedIn == null || !v.atLeast(removedIn));
  }

  /** The section of version {@code v}'s specification ("3.24", "4.1"), or null. */
  public String section(KmipVersion v) {
    return definedIn(v) ? at(sections, v) : null;
  }

  /** "KMIP 1.4 §3.24": where the rules of version {@code v} are written. */
  public String citation(KmipVersion v) {
    String s = section(v);
    return s == null ? null : "KMIP " + v.label() + " §" + s;
  }

  public boolean alwaysHasValue(KmipVersion v) {
    return flag(alwaysHasValue, v);
  }

  /** "Server", "Client", or both, as the table's "Initially set by" says. */
  public List<String> initiallySetBy(KmipVersion v) {
    List<String> l = definedIn(v) ? at(initiallySetBy, v) : null;
    return l == null ? List.of() : l;
  }

  public boolean initiallySetByClient(KmipVersion v) {
    return initiallySetBy(v).contains("Client");
  }

  public boolean modifiableByServer(KmipVersion v) {
    return flag(modifiableByServer, v);
  }

  /** "Modifiable by client"; a qualified Yes is true, see {@link #clientModifiableStates()}. */
  public boolean modifiableByClient(KmipVersion v) {
    return flag(modifiableByClient, v);
  }

  public boolean deletableByClient(KmipVersion v) {
    return flag(deletableByClient, v);
  }

  /** "Multiple instances permitted". */
  public boolean multipleInstances(KmipVersion v) {
    return flag(multipleInstances, v);
  }

  /** The operations that may set the attribute without being asked to. */
  public List<String> whenImplicitlySet(KmipVersion v) {
    List<String> l = definedIn(v) ? at(whenImplicitlySet, v) : null;
    return l == null ? List.of() : l;
  }

  /** "Applies to Object Types" in the specification's words. */
  public List<String> appliesTo(KmipVersion v) {
    List<String> l = definedIn(v) ? at(appliesTo, v) : null;
    return l == null ? List.of() : l;
  }

  /** Whether an object of type {@code t} may have the attribute in version {@code v}. */
  public boolean appliesTo(ObjectType t, KmipVersion v) {
    Set<ObjectType> s = definedIn(v) ? at(objectTypes, v) : null;
    return s != null && s.contains(t);
  }

  /** Whether any version lets an object of type {@code t} have the attribute. */
  public boolean appliesToInAnyVersion(ObjectType t) {
    for (Set<ObjectType> s : objectTypes.values()) {
      if (s.contains(t)) {
        return true;
      }
    }
    return false;
  }

  /** The States in which a client may change the value ("only while in Pre-Active state"); empty: any. */
  public Set<State> clientModifiableStates() {
    return clientModifiableStates;
  }

  /** "as long as the ... Date has not been reached" (Process Start Date, Protect Stop Date). */
  public boolean clientModifiableUntilReached() {
    return clientModifiableUntilReached;
  }

  /**
   * Set by the server, from a value the client supplies in Create or Register (Cryptographic
   * Algorithm, Cryptographic Length, Certificate Type).
   */
  public boolean suppliedInRequest() {
    return suppliedInRequest;
  }

  /** The 1.x Custom Attribute / 2.x Vendor Attribute entry. */
  public boolean isCustom() {
    return custom;
  }

  /** Values must be unique (Name). */
  public boolean unique() {
    return unique;
  }

  /** 2.x items that are instances of this attribute (the fields of Certificate Attributes). */
  public List<String> members() {
    return members;
  }

  /** The specification's words for {@code field} ("modifiableByClient") where they say more than Yes/No. */
  public String text(String field, KmipVersion v) {
    NavigableMap<KmipVersion, String> m = text.get(field);
    return m == null ? null : at(m, v);
  }

  private boolean flag(NavigableMap<KmipVersion, Boolean> m, KmipVersion v) {
    Boolean b = definedIn(v) ? at(m, v) : null;
    return b != null && b;
  }

  private static <T> T at(NavigableMap<KmipVersion, T> m, KmipVersion v) {
    Map.Entry<KmipVersion, T> e = m.floorEntry(v);
    return e == null ? null : e.getValue();
  }

  @Override
  public String toString() {
    return name;
  }
}
