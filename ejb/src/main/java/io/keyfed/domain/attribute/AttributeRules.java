package io.keyfed.domain.attribute;

import io.keyfed.kmip.spec.KmipVersion;
import io.keyfed.kmip.spec.ObjectType;
import io.keyfed.kmip.spec.State;
import io.keyfed.kmip.spec.Tag;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The attribute rules of KMIP 1.0–2.1, read from one data table,
 * {@code io/keyfed/domain/attribute-rules.json}: for each attribute the facts of its rules table
 * (KMIP 1.4 §3.x, 2.1 §4.x) per protocol version. This class answers the questions the operations
 * ask: may a client give this attribute when it creates or registers an object, add it, modify
 * it, delete it; is it multi-valued.
 *
 * <p>Names are the 1.x Attribute Names of {@link io.keyfed.kmip.attribute.Attribute}: a standard
 * attribute's name in the specification's words, a custom one as {@code x-NAME} / {@code y-NAME}
 * (1.x) or {@code VENDOR-NAME} (2.x Vendor Attribute). Custom attributes follow the 1.x Custom
 * Attribute rules (§3.39) and 2.x §4.60: a client creates, modifies and deletes its own ({@code x-}
 * and other vendors) but never the server's ({@code y-}).
 *
 * <p>"Applies to Object Types" is asked across versions: an attribute is accepted on an object
 * type when any version lets that type have it. Later versions widened most sets ("All
 * Cryptographic Objects" became "All Objects"), and the 1.x profile test cases already rely on the
 * wider sets: KMIP 1.4 CS-AC-M-8-14 registers key pairs with Process Start Date and Protect Stop
 * Date (1.4: symmetric keys only), TC-CREATE-SD-1-14 creates Secret Data with Cryptographic Length
 * (1.4: keys and certificates only). {@link AttributeRule#appliesTo(ObjectType, KmipVersion)}
 * answers for one version.
 */
public final class AttributeRules {

  /** Where the table is, on the class path. */
  public static final String RESOURCE = "/io/keyfed/domain/attribute-rules.json";

  /** Why an action on an attribute is refused, or {@link #ALLOWED}. */
  public enum Verdict {
    ALLOWED,
    /** Not an attribute at all (a tag that is a field, or a name no version defines). */
    UNKNOWN,
    /** An attribute, but not of the client's protocol version. */
    NOT_IN_VERSION,
    /** The object's type may not have this attribute. */
    NOT_APPLICABLE,
    /** Only the server sets, changes or deletes it. */
    READ_ONLY
  }

  private static volatile AttributeRules standard;

  private final Map<String, AttributeRule> byName;
  private final Map<String, AttributeRule> byMember;
  private final AttributeRule custom;

  private AttributeRules(Map<String, AttributeRule> byName, Map<String, AttributeRule> byMember, AttributeRule custom) {
    this.byName = byName;
    this.byMember = byMember;
    this.custom = custom;
  }

  /** The table shipped with the server, read once. */
  public static AttributeRules standard() {
    AttributeRules r = standard;
    if (r == null) {
      synchronized (AttributeRules.class) {
        r = standard;
        if (r == null) {
          try (InputStream in = AttributeRules.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
              throw new IllegalStateException(RESOURCE + " is missing from the class path");
            }
            r = load(in);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
          standard = r;
        }
      }
    }
    return r;
  }

  // ---- questions -----------------------------------------------------------------------------

  /**
   * The rules of an attribute: by name, by the name of a member (a 2.x Certificate Attributes
   * field), or the custom-attribute rules for a custom name; null when the name is no attribute.
   */
  public AttributeRule rule(String name) {
    AttributeRule r = byName.get(name);
    if (r == null) {
      r = byMember.get(name);
    }
    if (r == null && isCustomName(name)) {
      r = custom;
    }
    return r;
  }

  public Collection<AttributeRule> all() {
    return Collections.unmodifiableCollection(byName.values());
  }

  public boolean isDefined(String name, KmipVersion v) {
    AttributeRule r = rule(name);
    return r != null && r.definedIn(v);
  }

  /** "Multiple instances permitted" in version {@code v}; custom attributes are multi-valued. */
  public boolean isMultiValued(String name, KmipVersion v) {
    AttributeRule r = rule(name);
    return r != null && r.multipleInstances(v);
  }

  /** Whether a client may give the attribute in Create, Register (and the other creating operations). */
  public Verdict atCreation(String name, ObjectType type, KmipVersion v) {
    return verdict(name, type, v, r -> r.initiallySetByClient(v) || r.suppliedInRequest());
  }

  /** Whether a client may add a value (Add Attribute; Set Attribute of an absent attribute). */
  public Verdict toAdd(String name, ObjectType type, KmipVersion v) {
    return verdict(name, type, v, r -> r.initiallySetByClient(v));
  }

  /** Whether a client may change a value (Modify, Set, Adjust Attribute), States and dates aside. */
  public Verdict toModify(String name, ObjectType type, KmipVersion v) {
    return verdict(name, type, v, r -> r.modifiableByClient(v));
  }

  /** Whether a client may delete a value: deletable by client, and not one that SHALL always have a value. */
  public Verdict toDelete(String name, ObjectType type, KmipVersion v) {
    return verdict(name, type, v, r -> r.deletableByClient(v) && !r.alwaysHasValue(v));
  }

  /** A name the 1.x Custom Attribute / 2.x Vendor Attribute rules govern. */
  public boolean isCustomName(String name) {
    int dash = name.indexOf('-');
    return dash > 0 && dash < name.length() - 1 && Tag.fromSpecName(name) == null && !byName.containsKey(name);
  }

  /** A custom attribute created by the server ({@code y-}), which a client may not touch. */
  public static boolean isServerCustomName(String name) {
    return name.startsWith("y-");
  }

  private Verdict verdict(String name, ObjectType type, KmipVersion v, Function<AttributeRule, Boolean> clientMay) {
    AttributeRule r = rule(name);
    if (r == null) {
      return Verdict.UNKNOWN;
    }
    if (!r.definedIn(v)) {
      return Verdict.NOT_IN_VERSION;
    }
    if (type != null && !r.appliesToInAnyVersion(type)) {
      return Verdict.NOT_APPLICABLE;
    }
    if (r.isCustom() && isServerCustomName(name)) {
      return Verdict.READ_ONLY;
    }
    return clientMay.apply(r) ? Verdict.ALLOWED : Verdict.READ_ONLY;
  }

  // ---- loading -------------------------------------------------------------------------------

  /** Reads a table; a malformed one fails with a message naming the entry. */
  public static AttributeRules load(InputStream in) {
    JsonObject root;
    try (JsonReader reader = Json.createReader(in)) {
      root = reader.readObject();
    }
    Map<String, Set<ObjectType>> groups = new HashMap<>();
    JsonObject g = root.getJsonObject("objectTypeGroups");
    for (String phrase : g.keySet()) {
      Set<ObjectType> types = EnumSet.noneOf(ObjectType.class);
      for (JsonValue t : g.getJsonArray(phrase)) {
        String s = ((JsonString) t).getString();
        if (s.equals("*")) {
          types.addAll(EnumSet.allOf(ObjectType.class));
        } else {
          types.add(objectType(s, "objectTypeGroups " + phrase));
        }
      }
      groups.put(phrase, Collections.unmodifiableSet(types));
    }
    Map<String, AttributeRule> byName = new LinkedHashMap<>();
    Map<String, AttributeRule> byMember = new HashMap<>();
    AttributeRule custom = null;
    for (JsonValue jv : root.getJsonArray("attributes")) {
      AttributeRule r = entry((JsonObject) jv, groups);
      if (byName.put(r.name(), r) != null) {
        throw new IllegalArgumentException("attribute-rules: \"" + r.name() + "\" appears twice");
      }
      for (String m : r.members()) {
        byMember.put(m, r);
      }
      if (r.isCustom()) {
        custom = r;
      }
    }
    if (custom == null) {
      throw new IllegalArgumentException("attribute-rules: no entry is marked custom");
    }
    return new AttributeRules(Collections.unmodifiableMap(byName), Collections.unmodifiableMap(byMember), custom);
  }

  private static AttributeRule entry(JsonObject e, Map<String, Set<ObjectType>> groups) {
    String name = e.getString("name");
    String where = "attribute-rules \"" + name + "\"";
    KmipVersion since = version(e.getString("since"), where);
    NavigableMap<KmipVersion, List<String>> applies = versioned(e, "appliesTo", where, AttributeRules::strings);
    NavigableMap<KmipVersion, Set<ObjectType>> types = new TreeMap<>();
    applies.forEach((v, phrases) -> {
      Set<ObjectType> s = EnumSet.noneOf(ObjectType.class);
      for (String p : phrases) {
        Set<ObjectType> grp = groups.get(p);
        if (grp == null) {
          throw new IllegalArgumentException(where + ": appliesTo \"" + p + "\" is not in objectTypeGroups");
        }
        s.addAll(grp);
      }
      types.put(v, Collections.unmodifiableSet(s));
    });
    Set<State> states = EnumSet.noneOf(State.class);
    if (e.containsKey("clientModifiableStates")) {
      for (String s : strings(e.get("clientModifiableStates"))) {
        State st = null;
        for (State c : State.values()) {
          if (c.specName().equals(s)) {
            st = c;
          }
        }
        if (st == null) {
          throw new IllegalArgumentException(where + ": unknown State \"" + s + "\"");
        }
        states.add(st);
      }
    }
    Map<String, NavigableMap<KmipVersion, String>> text = new LinkedHashMap<>();
    if (e.containsKey("text")) {
      JsonObject t = e.getJsonObject("text");
      for (String field : t.keySet()) {
        text.put(field, versioned(t, field, where + " text", v -> ((JsonString) v).getString()));
      }
    }
    return new AttributeRule(name, since,
        e.containsKey("deprecatedIn") ? version(e.getString("deprecatedIn"), where) : null,
        e.containsKey("removedIn") ? version(e.getString("removedIn"), where) : null,
        versioned(e, "sections", where, v -> ((JsonString) v).getString()),
        versioned(e, "alwaysHasValue", where, AttributeRules::bool),
        versioned(e, "initiallySetBy", where, AttributeRules::strings),
        versioned(e, "modifiableByServer", where, AttributeRules::bool),
        versioned(e, "modifiableByClient", where, AttributeRules::bool),
        versioned(e, "deletableByClient", where, AttributeRules::bool),
        versioned(e, "multipleInstances", where, AttributeRules::bool),
        versioned(e, "whenImplicitlySet", where, AttributeRules::strings),
        applies, types, Collections.unmodifiableSet(states),
        e.getBoolean("clientModifiableUntilReached", false),
        e.getBoolean("suppliedInRequest", false),
        e.getBoolean("custom", false),
        e.getBoolean("unique", false),
        e.containsKey("members") ? strings(e.get("members")) : List.of(),
        Collections.unmodifiableMap(text));
  }

  /**
   * A field that is either one value for every version from {@code since}, or an object whose keys
   * are the versions where the value changed.
   */
  private static <T> NavigableMap<KmipVersion, T> versioned(JsonObject e, String field, String where, Function<JsonValue, T> read) {
    if (!e.containsKey(field)) {
      throw new IllegalArgumentException(where + ": no \"" + field + "\"");
    }
    JsonValue v = e.get(field);
    NavigableMap<KmipVersion, T> out = new TreeMap<>();
    if (v.getValueType() == JsonValue.ValueType.OBJECT && isVersionMap(v.asJsonObject())) {
      for (Map.Entry<String, JsonValue> x : v.asJsonObject().entrySet()) {
        out.put(version(x.getKey(), where + " " + field), read.apply(x.getValue()));
      }
    } else {
      out.put(KmipVersion.V1_0, read.apply(v));
    }
    return Collections.unmodifiableNavigableMap(out);
  }

  private static boolean isVersionMap(JsonObject o) {
    for (String k : o.keySet()) {
      if (KmipVersion.parse(k) == null) {
        return false;
      }
    }
    return !o.isEmpty();
  }

  private static Boolean bool(JsonValue v) {
    if (v == JsonValue.TRUE) {
      return true;
    }
    if (v == JsonValue.FALSE) {
      return false;
    }
    throw new IllegalArgumentException("attribute-rules: expected true or false, not " + v);
  }

  private static List<String> strings(JsonValue v) {
    List<String> out = new ArrayList<>();
    for (JsonValue s : (JsonArray) v) {
      out.add(((JsonString) s).getString());
    }
    return Collections.unmodifiableList(out);
  }

  private static KmipVersion version(String s, String where) {
    KmipVersion v = KmipVersion.parse(s);
    if (v == null) {
      throw new IllegalArgumentException(where + ": bad version \"" + s + "\"");
    }
    return v;
  }

  private static ObjectType objectType(String s, String where) {
    for (ObjectType t : ObjectType.values()) {
      if (t.specName().equals(s)) {
        return t;
      }
    }
    throw new IllegalArgumentException(where + ": unknown Object Type \"" + s + "\"");
  }
}
