package io.keyfed.domain.object;

import io.keyfed.domain.attribute.AttributeRule;
import io.keyfed.domain.attribute.AttributeRules;
import io.keyfed.domain.attribute.AttributeRules.Verdict;
import io.keyfed.domain.object.AttributeException.Action;
import io.keyfed.domain.object.AttributeException.Problem;
import io.keyfed.kmip.attribute.Attribute;
import io.keyfed.kmip.attribute.AttributeInstance;
import io.keyfed.kmip.message.KmipException;
import io.keyfed.kmip.spec.AdjustmentType;
import io.keyfed.kmip.spec.ItemType;
import io.keyfed.kmip.spec.KmipVersion;
import io.keyfed.kmip.spec.LinkType;
import io.keyfed.kmip.spec.ObjectType;
import io.keyfed.kmip.spec.RevocationReasonCode;
import io.keyfed.kmip.spec.State;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.ttlv.Ttlv;
import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Lob;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.OneToMany;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A KMIP Managed Object: its type, its State, its owner, its attributes, and its cryptographic
 * content (the Symmetric Key, Secret Data, ... structure), which is held only in sealed form
 * (encrypted under the server's master key by the application layer; this class never sees it in
 * the clear).
 *
 * <p>The lifecycle is the state machine of KMIP 1.4 §3.22 / 2.1 §4.57: an object is created
 * Pre-Active (or Active when its Activation Date has passed); Activate makes it Active; Revoke makes
 * it Deactivated, or Compromised for a compromise reason; Destroy removes its content and makes it
 * Destroyed (Destroyed Compromised from Compromised); a Destroyed object revoked for compromise
 * becomes Destroyed Compromised. Each transition records its date attribute and Last Change Date.
 * Unique Identifier, Object Type and State are attributes too, derived from the columns rather
 * than stored twice.
 *
 * <p>Attributes change only through the named actions of the attribute operations (KMIP 1.4
 * §4.14–4.16, 2.1 §6.1.2, 6.1.3, 6.1.13, 6.1.34, 6.1.51): {@link #addAttribute},
 * {@link #setAttribute}, {@link #modifyAttribute}, {@link #adjustAttribute},
 * {@link #deleteAttribute}. Each consults the {@link AttributeRules} of the client's protocol
 * version (who may set, change, delete; single- or multi-valued; which object types), keeps the
 * 1.x Attribute Index of every instance stable, and sets Last Change Date. A refusal is an
 * {@link AttributeException} with the version's Result Reason.
 */
@Entity
@Table(name = "KF_OBJECT", indexes = {
    @Index(name = "KF_OBJECT_TYPE_STATE", columnList = "OBJECT_TYPE,STATE"),
    @Index(name = "KF_OBJECT_OWNER", columnList = "OWNER,CREATED_MICROS")})
@NamedQuery(name = ManagedObject.COUNT, query = "SELECT COUNT(o) FROM ManagedObject o")
@NamedQuery(name = ManagedObject.COUNT_BY_SEAL_KEY,
    query = "SELECT o.sealKeyId, COUNT(o) FROM ManagedObject o WHERE o.sealKeyId IS NOT NULL GROUP BY o.sealKeyId")
@NamedQuery(name = ManagedObject.SEALED_UNDER_OTHER_KEY,
    query = "SELECT o FROM ManagedObject o WHERE o.sealKeyId <> :current ORDER BY o.uniqueIdentifier")
// One statement for the object and its attributes: read as one snapshot, never a row of one
// commit with the attributes of the next (two SELECTs under READ COMMITTED can see both).
@NamedQuery(name = ManagedObject.WITH_ATTRIBUTES,
    query = "SELECT o FROM ManagedObject o LEFT JOIN FETCH o.storedAttributes WHERE o.uniqueIdentifier = :uid")
public class ManagedObject {

  public static final String COUNT = "ManagedObject.count";
  public static final String WITH_ATTRIBUTES = "ManagedObject.withAttributes";
  public static final String COUNT_BY_SEAL_KEY = "ManagedObject.countBySealKey";
  public static final String SEALED_UNDER_OTHER_KEY = "ManagedObject.sealedUnderOtherKey";

  /** Attributes the server derives or maintains; a client may not set them directly. */
  public static final Set<Tag> SERVER_MANAGED = Set.of(
      Tag.UNIQUE_IDENTIFIER, Tag.OBJECT_TYPE, Tag.STATE, Tag.INITIAL_DATE, Tag.LAST_CHANGE_DATE,
      Tag.DESTROY_DATE, Tag.COMPROMISE_DATE, Tag.REVOCATION_REASON, Tag.DIGEST);

  /** Most instances of one attribute an object keeps (KMIP: Index Out of Bounds / Server Limit Exceeded). */
  public static final int MAX_INSTANCES = 256;

  @Id
  @Column(name = "UID", length = 64)
  private String uniqueIdentifier;

  @Enumerated(EnumType.STRING)
  @Column(name = "OBJECT_TYPE", length = 40, nullable = false)
  private ObjectType objectType;

  @Enumerated(EnumType.STRING)
  @Column(name = "STATE", length = 40, nullable = false)
  private State state;

  @Column(name = "OWNER", length = 512)
  private String owner;

  /** The object's content, sealed; null once destroyed. */
  @Lob
  @Column(name = "SEALED_OBJECT")
  private byte[] sealedObject;

  /** The master key the content is sealed under (from the envelope), for re-sealing after a rotation. */
  @Column(name = "SEAL_KEY_ID", length = 16)
  private String sealKeyId;

  // In the order of their POSITION column (see rows()), which each row writes itself: an
  // @OrderColumn here made the provider follow every attribute row's INSERT with an UPDATE of its
  // position — more than half of what storing a new object cost (measured, session 8).
  @OneToMany(mappedBy = "managedObject", cascade = CascadeType.ALL, orphanRemoval = true, fetch = FetchType.EAGER)
  private List<StoredAttribute> storedAttributes = new ArrayList<>();

  /** Creation instant in microseconds: Locate's stable order, so that Offset Items pages. */
  @Column(name = "CREATED_MICROS", nullable = false)
  private long createdMicros;

  /**
   * When the object was archived (KMIP 1.4 §4.23 Archive: off-line storage, found by Locate only
   * when asked for), in microseconds; null when it is on-line. A number rather than a Boolean
   * column: JPQL Boolean literals do not compare portably (H2 rejects BOOLEAN = 0).
   */
  @Column(name = "ARCHIVED_MICROS")
  private Long archivedMicros;

  /**
   * When the object was last served to a client (Get), in microseconds; null if never. Locate's
   * Group Member Default serves the group's least recently served member (round robin).
   */
  @Column(name = "SERVED_MICROS")
  private Long servedMicros;

  @Version
  @Column(name = "VERSION")
  private long version;

  protected ManagedObject() {}

  /**
   * A new object, Pre-Active unless the attributes give an Activation Date that has passed. Fresh
   * (KMIP 1.4 §3.34: "SHALL be set to True when a new object is created") is set unless given.
   *
   * @param attributes the client's attributes (checked with {@link #checkNewObjectAttributes}) and
   *     those the server adds (algorithm, length, digest, ...); server-managed dates are set here
   */
  public static ManagedObject create(String uniqueIdentifier, ObjectType type, String owner,
      List<Attribute> attributes, byte[] sealedObject, Instant now) {
    QuantumSafety.require(attributes);
    ManagedObject o = new ManagedObject();
    o.uniqueIdentifier = uniqueIdentifier;
    o.objectType = type;
    o.owner = owner;
    o.sealedObject = sealedObject;
    o.sealKeyId = SealedContent.keyIdOf(sealedObject);
    o.state = State.PRE_ACTIVE;
    // The clock, not now: now is the request's time in whole seconds (as KMIP dates are), so objects
    // created in the same second would be ordered by their random identifiers, and a new object
    // could land inside a page of Locate results that a client has already read.
    o.createdMicros = micros(Instant.now());
    Map<String, Integer> next = new HashMap<>();
    for (Attribute a : attributes) {
      o.append(new StoredAttribute(o, UsageLimits.initial(a), next.merge(a.name(), 1, Integer::sum) - 1));
    }
    if (o.stored(Tag.FRESH.specName()).isEmpty()) {
      o.put(Attribute.of(Tag.FRESH, Ttlv.bool(Tag.FRESH, true)));
    }
    o.setServerAttributes(now);
    o.put(Attribute.of(Tag.INITIAL_DATE, Ttlv.dateTime(Tag.INITIAL_DATE, now)));
    o.touch(now);
    o.advanceClock(now);
    return o;
  }

  /**
   * The checks on the attributes a client gives when it creates or registers an object (KMIP 1.4
   * §11.2, §11.4; 2.1 §6.1.8, §6.1.43): each may be set by the client at creation for this object
   * type in this version, a single-valued attribute appears once, and no Name twice.
   */
  public static void checkNewObjectAttributes(ObjectType type, List<Attribute> clientAttributes, KmipVersion v) {
    AttributeRules rules = AttributeRules.standard();
    Map<String, Integer> count = new HashMap<>();
    List<String> names = new ArrayList<>();
    for (Attribute a : clientAttributes) {
      refuse(rules.atCreation(a.name(), type, v), Action.CREATE, a.name(), type, v);
      if (count.merge(a.name(), 1, Integer::sum) > 1 && !rules.isMultiValued(a.name(), v)) {
        throw new AttributeException(Problem.SINGLE_VALUED, Action.CREATE, v,
            a.name() + " is single-valued but given more than once");
      }
      if (count.get(a.name()) > MAX_INSTANCES) {
        throw new AttributeException(Problem.TOO_MANY, Action.CREATE, v,
            "more than " + MAX_INSTANCES + " values of " + a.name());
      }
      String unique = uniqueValue(rules, a);
      if (unique != null) {
        if (names.contains(a.name() + "\u0000" + unique)) {
          throw new AttributeException(Problem.NAME_NOT_UNIQUE, Action.CREATE, v, a.name() + " '" + unique + "' is given twice");
        }
        names.add(a.name() + "\u0000" + unique);
      }
    }
  }

  // ---- federation ----------------------------------------------------------------------------

  /**
   * A copy of another server's object as its master sent it (DESIGN.md §3): the master's State and
   * every attribute (dates, Digest, Names, the federation markers) taken as they are, since the
   * master is authoritative for them; no client rule applies. {@code sealedObject} is null when
   * the master's object has no content (destroyed).
   */
  public static ManagedObject replica(String uniqueIdentifier, ObjectType type, String owner, State state,
      List<Attribute> attributes, byte[] sealedObject) {
    ManagedObject o = new ManagedObject();
    o.uniqueIdentifier = uniqueIdentifier;
    o.objectType = type;
    o.owner = owner;
    o.createdMicros = micros(Instant.now());
    o.replaceFromMaster(state, attributes, sealedObject);
    return o;
  }

  /** Put Replace from the master: State, attributes and content replaced whole. */
  public void replaceFromMaster(State newState, List<Attribute> attributes, byte[] newSealedObject) {
    state = newState;
    sealedObject = newSealedObject == null ? null : newSealedObject.clone();
    sealKeyId = SealedContent.keyIdOf(newSealedObject);
    storedAttributes.clear();
    Map<String, Integer> next = new HashMap<>();
    for (Attribute a : attributes) {
      Tag t = a.tag();
      if (t == Tag.UNIQUE_IDENTIFIER || t == Tag.OBJECT_TYPE || t == Tag.STATE) {
        continue; // derived from the columns
      }
      append(new StoredAttribute(this, a, next.merge(a.name(), 1, Integer::sum) - 1));
    }
  }

  /**
   * A Notify from the master: every value of each changed attribute replaced by the values sent,
   * deleted attributes removed, the master's State taken; the content is erased when the master's
   * object is destroyed.
   */
  public void applyMasterChanges(State newState, Map<String, List<Ttlv>> changed, java.util.Collection<String> deleted) {
    applyMasterChanges(newState, changed, deleted, Map.of());
  }

  /**
   * As above, with deletions of single instances too ({@code deletedInstances}: attribute name to
   * the Attribute Indices a KMIP 1.x Notify named; an index this copy does not have is ignored,
   * since the copy may already be without it).
   */
  public void applyMasterChanges(State newState, Map<String, List<Ttlv>> changed, java.util.Collection<String> deleted,
      Map<String, java.util.Set<Integer>> deletedInstances) {
    upgradeStoredAttributes();
    for (String name : deleted) {
      storedAttributes.removeIf(s -> s.name().equals(name));
    }
    for (Map.Entry<String, java.util.Set<Integer>> e : deletedInstances.entrySet()) {
      storedAttributes.removeIf(s -> s.name().equals(e.getKey()) && e.getValue().contains(s.index()));
    }
    for (Map.Entry<String, List<Ttlv>> e : changed.entrySet()) {
      storedAttributes.removeIf(s -> s.name().equals(e.getKey()));
      int i = 0;
      for (Ttlv v : e.getValue()) {
        append(new StoredAttribute(this, new Attribute(e.getKey(), v), i++));
      }
    }
    if (newState != null) {
      state = newState;
      if (isDestroyed()) {
        sealedObject = null;
        sealKeyId = null;
      }
    }
  }

  /**
   * Renames: every Name with Name Value {@code from} gets {@code to}, its Name Type kept. The server
   * does this itself when a peer's object arrives with a Name already used here (a Name collision,
   * resolved by the peering's policy), so no attribute rule applies.
   *
   * @return whether a Name was renamed
   */
  public boolean renameName(String from, String to, Instant now) {
    boolean renamed = false;
    for (StoredAttribute s : stored(Tag.NAME.specName())) {
      Ttlv name = s.toAttribute().value();
      Ttlv value = name.child(Tag.NAME_VALUE);
      if (value != null && value.asText().equals(from)) {
        s.setValue(withNameValue(name, to));
        renamed = true;
      }
    }
    if (renamed) {
      touch(now);
    }
    return renamed;
  }

  /** A Name structure with another Name Value, its Name Type kept. */
  public static Ttlv withNameValue(Ttlv name, String value) {
    List<Ttlv> fields = new ArrayList<>();
    for (Ttlv c : name.children()) {
      fields.add(c.is(Tag.NAME_VALUE) ? Ttlv.text(Tag.NAME_VALUE, value) : c);
    }
    return Ttlv.structure(Tag.NAME, fields);
  }

  /** A single-valued attribute the server maintains itself (federation markers such as lease expiry). */
  public void setServerAttribute(Attribute a) {
    put(a);
  }

  // ---- lifecycle -----------------------------------------------------------------------------

  /**
   * Applies the date-driven transitions that are due: an Activation Date in the past activates a
   * Pre-Active object, a Deactivation Date in the past deactivates an Active one.
   */
  public void advanceClock(Instant now) {
    state = stateByClock(state, now);
  }

  /**
   * The State an object in State {@code from} has at {@code now} by this object's Activation and
   * Deactivation Dates alone. A replica uses it to tell a transition its dates made (which the
   * master makes too, at the same instant) from a change someone asked of it.
   */
  public State stateByClock(State from, Instant now) {
    State s = from;
    if (s == State.PRE_ACTIVE) {
      Instant activation = date(Tag.ACTIVATION_DATE);
      if (activation != null && !activation.isAfter(now)) {
        s = State.ACTIVE;
      }
    }
    if (s == State.ACTIVE || s == State.PRE_ACTIVE) {
      Instant deactivation = date(Tag.DEACTIVATION_DATE);
      if (deactivation != null && !deactivation.isAfter(now)) {
        s = State.DEACTIVATED;
      }
    }
    return s;
  }

  /** Activate (KMIP 1.4 §4.19): only a Pre-Active object; sets the Activation Date. */
  public void activate(Instant now) {
    if (state != State.PRE_ACTIVE) {
      throw new LifecycleException("Activate", state);
    }
    state = State.ACTIVE;
    put(Attribute.of(Tag.ACTIVATION_DATE, Ttlv.dateTime(Tag.ACTIVATION_DATE, now)));
    touch(now);
  }

  /**
   * Revoke (KMIP 1.4 §4.20). A compromise reason moves the object to Compromised (Destroyed
   * Compromised if already destroyed) and records the Compromise Date and the Compromise
   * Occurrence Date (the Initial Date when the request gives none); any other reason deactivates
   * a Pre-Active or Active object and records the Deactivation Date.
   */
  public void revoke(RevocationReasonCode code, String message, Instant compromiseOccurrence, Instant now) {
    boolean compromise = code == RevocationReasonCode.KEY_COMPROMISE || code == RevocationReasonCode.CA_COMPROMISE;
    if (compromise) {
      switch (state) {
        case PRE_ACTIVE, ACTIVE, DEACTIVATED, COMPROMISED -> state = State.COMPROMISED;
        case DESTROYED -> state = State.DESTROYED_COMPROMISED;
        default -> throw new LifecycleException("Revoke", state);
      }
      put(Attribute.of(Tag.COMPROMISE_DATE, Ttlv.dateTime(Tag.COMPROMISE_DATE, now)));
      // KMIP 1.4 §4.20: without a date in the request, the Compromise Occurrence Date "SHOULD be
      // set to the Initial Date for the object" (the server cannot know a later safe point).
      Instant occurrence = compromiseOccurrence != null ? compromiseOccurrence : date(Tag.INITIAL_DATE);
      if (occurrence == null) {
        occurrence = now;
      }
      put(Attribute.of(Tag.COMPROMISE_OCCURRENCE_DATE, Ttlv.dateTime(Tag.COMPROMISE_OCCURRENCE_DATE, occurrence)));
    } else {
      if (state != State.ACTIVE && state != State.PRE_ACTIVE) {
        throw new LifecycleException("Revoke", state);
      }
      state = State.DEACTIVATED;
      put(Attribute.of(Tag.DEACTIVATION_DATE, Ttlv.dateTime(Tag.DEACTIVATION_DATE, now)));
    }
    List<Ttlv> reason = new ArrayList<>(2);
    reason.add(Ttlv.enumeration(Tag.REVOCATION_REASON_CODE, code));
    if (message != null) {
      reason.add(Ttlv.text(Tag.REVOCATION_MESSAGE, message));
    }
    put(Attribute.of(Tag.REVOCATION_REASON, Ttlv.structure(Tag.REVOCATION_REASON, reason)));
    touch(now);
  }

  /**
   * Destroy (KMIP 1.4 §4.21): the content is erased, the metadata kept. An Active object must be
   * revoked first.
   */
  public void destroy(Instant now) {
    switch (state) {
      case PRE_ACTIVE, DEACTIVATED -> state = State.DESTROYED;
      case COMPROMISED -> state = State.DESTROYED_COMPROMISED;
      default -> throw new LifecycleException("Destroy", state);
    }
    sealedObject = null;
    sealKeyId = null;
    put(Attribute.of(Tag.DESTROY_DATE, Ttlv.dateTime(Tag.DESTROY_DATE, now)));
    touch(now);
  }

  public boolean isDestroyed() {
    return state == State.DESTROYED || state == State.DESTROYED_COMPROMISED;
  }

  /** Archive (KMIP 1.4 §4.23): moves the object to archival storage and sets the Archive Date. */
  public void archive(Instant now) {
    archivedMicros = micros(Instant.now());
    put(Attribute.of(Tag.ARCHIVE_DATE, Ttlv.dateTime(Tag.ARCHIVE_DATE, now)));
    touch(now);
  }

  /** Recover (KMIP 1.4 §4.24): back to on-line storage. */
  public void recover(Instant now) {
    archivedMicros = null;
    touch(now);
  }

  public boolean isArchived() {
    return archivedMicros != null;
  }

  /**
   * The object was served to a client (Get): it is no longer Fresh (KMIP 1.4 §3.34: "The server
   * SHALL change the attribute value to False as soon as the object has been served to a client"),
   * and it becomes the most recently served member of its groups (Group Member Default serves a
   * group round robin). An object in no group that is no longer fresh is left untouched: a Get
   * then writes nothing, and costs no database commit.
   */
  public void markServed(Instant now) {
    if (!stored(Tag.OBJECT_GROUP.specName()).isEmpty()) {
      servedMicros = micros(Instant.now());
    }
    List<StoredAttribute> fresh = stored(Tag.FRESH.specName());
    if (!fresh.isEmpty() && fresh.get(0).toAttribute().value().asBoolean()) {
      fresh.get(0).setValue(Ttlv.bool(Tag.FRESH, false));
    }
  }

  /** When the object was last served (microseconds), or null. */
  public Long servedMicros() {
    return servedMicros;
  }

  public long createdMicros() {
    return createdMicros;
  }

  /**
   * Get Usage Allocation (KMIP 1.4 §4.15, 2.1 §6.1.25): takes {@code amount} units from the Usage
   * Limits Count (the Total while nothing has been taken yet). The Usage Limits Unit is the
   * client's to interpret; the server only counts.
   *
   * @throws KmipException Illegal Operation without Usage Limits; Usage Limit Exceeded (Permission
   *     Denied for 1.x clients) when fewer units remain
   */
  public void allocateUsage(long amount, Instant now) {
    Ttlv limits = attribute(Tag.USAGE_LIMITS);
    if (limits == null || !limits.isStructure()) {
      throw KmipException.illegalOperation("object " + uniqueIdentifier + " has no Usage Limits to allocate from");
    }
    Ttlv total = limits.child(Tag.USAGE_LIMITS_TOTAL);
    Ttlv count = limits.child(Tag.USAGE_LIMITS_COUNT);
    long remaining = count != null ? count.asLong() : total != null ? total.asLong() : 0;
    if (amount > remaining) {
      throw new KmipException(io.keyfed.kmip.spec.ResultReason.USAGE_LIMIT_EXCEEDED,
          "the Usage Limits allow " + remaining + " more units, not " + amount);
    }
    List<Ttlv> c = new ArrayList<>(3);
    boolean placed = false;
    for (Ttlv f : limits.children()) {
      if (f.is(Tag.USAGE_LIMITS_COUNT)) {
        continue;
      }
      c.add(f);
      if (f.is(Tag.USAGE_LIMITS_TOTAL)) {
        c.add(Ttlv.longInteger(Tag.USAGE_LIMITS_COUNT, remaining - amount));
        placed = true;
      }
    }
    if (!placed) {
      c.add(0, Ttlv.longInteger(Tag.USAGE_LIMITS_COUNT, remaining - amount));
    }
    put(Attribute.of(Tag.USAGE_LIMITS, Ttlv.structure(Tag.USAGE_LIMITS, c)));
    touch(now);
  }

  /**
   * Import (KMIP 2.1 §6.1.27): an object as another server (or this one's Export) describes it,
   * with its Unique Identifier, State and every attribute, server-managed ones included. The
   * State attribute (Pre-Active when absent) becomes the State; Initial Date and Last Change Date
   * are kept when given.
   */
  public static ManagedObject imported(String uniqueIdentifier, ObjectType type, String owner,
      List<Attribute> attributes, byte[] sealedObject, Instant now) {
    ManagedObject o = new ManagedObject();
    o.uniqueIdentifier = uniqueIdentifier;
    o.objectType = type;
    o.owner = owner;
    o.createdMicros = micros(Instant.now());
    o.load(attributes, sealedObject, now);
    return o;
  }

  /** Import with Replace Existing: this object takes the imported one's State, attributes and content. */
  public void replaceWith(ManagedObject imported) {
    if (!imported.uniqueIdentifier.equals(uniqueIdentifier) || imported.objectType != objectType) {
      throw KmipException.invalidField("an import replaces an object of the same identifier and Object Type");
    }
    List<Attribute> attributes = new ArrayList<>();
    for (StoredAttribute s : imported.rows()) {
      attributes.add(s.toAttribute());
    }
    attributes.add(Attribute.of(Tag.STATE, Ttlv.enumeration(Tag.STATE, imported.state)));
    storedAttributes.clear();
    archivedMicros = null;
    load(attributes, imported.sealedObject, null);
  }

  private void load(List<Attribute> attributes, byte[] sealed, Instant now) {
    state = State.PRE_ACTIVE;
    sealedObject = sealed;
    sealKeyId = sealed == null ? null : SealedContent.keyIdOf(sealed);
    Map<String, Integer> next = new HashMap<>();
    for (Attribute a : attributes) {
      if (a.is(Tag.STATE)) {
        state = State.fromValue(a.value().asInt());
      } else if (!a.is(Tag.UNIQUE_IDENTIFIER) && !a.is(Tag.OBJECT_TYPE)) {
        append(new StoredAttribute(this, a, next.merge(a.name(), 1, Integer::sum) - 1));
      }
    }
    if (state == null) {
      throw KmipException.invalidField("unknown State in the imported attributes");
    }
    if (now != null && date(Tag.INITIAL_DATE) == null) {
      put(Attribute.of(Tag.INITIAL_DATE, Ttlv.dateTime(Tag.INITIAL_DATE, now)));
    }
    if (now != null && date(Tag.LAST_CHANGE_DATE) == null) {
      touch(now);
    }
  }

  /** The object types with key material: what Lease Time, Sensitive and Extractable are about. */
  private static final Set<ObjectType> KEYS = Set.of(ObjectType.SYMMETRIC_KEY, ObjectType.PRIVATE_KEY,
      ObjectType.SECRET_DATA, ObjectType.SPLIT_KEY, ObjectType.PGP_KEY);

  /**
   * The attributes the server sets on every new object when the client did not (the rules table's
   * "initially set by Server"; the OASIS test cases SKFF-M-9 list them): Original Creation Date
   * (KMIP 1.4 §3.43), Short Unique Identifier (2.1 §4.56: SHA-256 of the Unique Identifier),
   * Protection Storage Mask (2.1 §4.44: Software), and
   * for keys Lease Time (the lease this server grants, {@code Leases}), Sensitive False,
   * Extractable True, Always Sensitive and Never Extractable from them (1.4 §3.48-3.51).
   */
  private void setServerAttributes(Instant now) {
    if (date(Tag.ORIGINAL_CREATION_DATE) == null) {
      put(Attribute.of(Tag.ORIGINAL_CREATION_DATE, Ttlv.dateTime(Tag.ORIGINAL_CREATION_DATE, now)));
    }
    if (stored(Tag.SHORT_UNIQUE_IDENTIFIER.specName()).isEmpty()) {
      try {
        byte[] d = java.security.MessageDigest.getInstance("SHA-256")
            .digest(uniqueIdentifier.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        put(Attribute.of(Tag.SHORT_UNIQUE_IDENTIFIER, Ttlv.bytes(Tag.SHORT_UNIQUE_IDENTIFIER, d)));
      } catch (java.security.NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }
    if (stored(Tag.PROTECTION_STORAGE_MASK.specName()).isEmpty()) {
      // KMIP 2.1 §4.44: where the object is kept. Keyfed seals objects in software into its database.
      put(Attribute.of(Tag.PROTECTION_STORAGE_MASK, Ttlv.integer(Tag.PROTECTION_STORAGE_MASK,
          io.keyfed.kmip.spec.ProtectionStorageMask.SOFTWARE.value())));
    }
    if (!KEYS.contains(objectType)) {
      // No defaults here, but a Sensitive or Extractable the client gave (a Sensitive Public Key,
      // BL-M-12-21) has its Always Sensitive or Never Extractable all the same.
      if (!stored(Tag.SENSITIVE.specName()).isEmpty() && stored(Tag.ALWAYS_SENSITIVE.specName()).isEmpty()) {
        put(Attribute.of(Tag.ALWAYS_SENSITIVE, Ttlv.bool(Tag.ALWAYS_SENSITIVE, attribute(Tag.SENSITIVE).asBoolean())));
      }
      if (!stored(Tag.EXTRACTABLE.specName()).isEmpty() && stored(Tag.NEVER_EXTRACTABLE.specName()).isEmpty()) {
        put(Attribute.of(Tag.NEVER_EXTRACTABLE,
            Ttlv.bool(Tag.NEVER_EXTRACTABLE, !attribute(Tag.EXTRACTABLE).asBoolean())));
      }
      return;
    }
    if (stored(Tag.LEASE_TIME.specName()).isEmpty()) {
      put(Attribute.of(Tag.LEASE_TIME, Ttlv.interval(Tag.LEASE_TIME, DEFAULT_LEASE_SECONDS)));
    }
    if (stored(Tag.SENSITIVE.specName()).isEmpty()) {
      put(Attribute.of(Tag.SENSITIVE, Ttlv.bool(Tag.SENSITIVE, false)));
    }
    if (stored(Tag.EXTRACTABLE.specName()).isEmpty()) {
      put(Attribute.of(Tag.EXTRACTABLE, Ttlv.bool(Tag.EXTRACTABLE, true)));
    }
    if (stored(Tag.ALWAYS_SENSITIVE.specName()).isEmpty()) {
      put(Attribute.of(Tag.ALWAYS_SENSITIVE, Ttlv.bool(Tag.ALWAYS_SENSITIVE, attribute(Tag.SENSITIVE).asBoolean())));
    }
    if (stored(Tag.NEVER_EXTRACTABLE.specName()).isEmpty()) {
      put(Attribute.of(Tag.NEVER_EXTRACTABLE,
          Ttlv.bool(Tag.NEVER_EXTRACTABLE, !attribute(Tag.EXTRACTABLE).asBoolean())));
    }
  }

  /** The lease this server grants when an object has no Lease Time of its own (one hour, as TC-95 shows). */
  public static final long DEFAULT_LEASE_SECONDS = 3600;

  // ---- attributes ----------------------------------------------------------------------------

  /**
   * The attribute instances a client of version {@code v} may see: an attribute the rules table
   * says that version does not define (Sensitive for a 1.3 client, Fresh for 1.0, Short Unique
   * Identifier before 2.0) is left out; custom attributes are always there.
   */
  public List<AttributeInstance> instancesIn(KmipVersion v) {
    AttributeRules rules = AttributeRules.standard();
    List<AttributeInstance> out = new ArrayList<>();
    for (AttributeInstance i : instances()) {
      if (rules.rule(i.name()) == null || rules.isDefined(i.name(), v)) {
        out.add(i);
      }
    }
    return out;
  }

  /** {@link #attributeNames()} as a client of version {@code v} sees them ({@link #instancesIn}). */
  public List<String> attributeNamesIn(KmipVersion v) {
    List<String> names = new ArrayList<>();
    for (AttributeInstance i : instancesIn(v)) {
      if (!names.contains(i.name())) {
        names.add(i.name());
      }
    }
    return names;
  }

  /**
   * The attribute rows in their stored order (POSITION). A list loaded from the database comes in
   * no particular order: it is sorted on first use (a check of 20-odd numbers afterwards).
   */
  private List<StoredAttribute> rows() {
    for (int i = 1; i < storedAttributes.size(); i++) {
      if (storedAttributes.get(i).position() < storedAttributes.get(i - 1).position()) {
        storedAttributes.sort(Comparator.comparingInt(StoredAttribute::position));
        break;
      }
    }
    return storedAttributes;
  }

  /** Adds a row after the others: a position past the last (removals leave gaps; order is all that counts). */
  private void append(StoredAttribute s) {
    List<StoredAttribute> rows = rows();
    s.setPosition(rows.isEmpty() ? 0 : rows.get(rows.size() - 1).position() + 1);
    rows.add(s);
  }

  /** Every attribute: Unique Identifier, Object Type and State first, then the stored ones. */
  public List<Attribute> attributes() {
    List<Attribute> out = new ArrayList<>(storedAttributes.size() + 3);
    for (AttributeInstance i : instances()) {
      out.add(i.attribute());
    }
    return Collections.unmodifiableList(out);
  }

  /** Every attribute instance with its Attribute Index, in the order of {@link #attributes()}. */
  public List<AttributeInstance> instances() {
    List<AttributeInstance> out = new ArrayList<>(storedAttributes.size() + 3);
    out.add(new AttributeInstance(Attribute.of(Tag.UNIQUE_IDENTIFIER, Ttlv.text(Tag.UNIQUE_IDENTIFIER, uniqueIdentifier)), 0));
    out.add(new AttributeInstance(Attribute.of(Tag.OBJECT_TYPE, Ttlv.enumeration(Tag.OBJECT_TYPE, objectType)), 0));
    out.add(new AttributeInstance(Attribute.of(Tag.STATE, Ttlv.enumeration(Tag.STATE, state)), 0));
    upgradeStoredAttributes();
    for (StoredAttribute s : rows()) {
      out.add(s.toInstance());
    }
    return Collections.unmodifiableList(out);
  }

  /** The instances of one attribute, in storage order. */
  public List<AttributeInstance> instances(String name) {
    List<AttributeInstance> out = new ArrayList<>(1);
    for (AttributeInstance i : instances()) {
      if (i.name().equals(name)) {
        out.add(i);
      }
    }
    return out;
  }

  /** The values of one attribute, in index order. */
  public List<Attribute> attributes(String name) {
    List<Attribute> out = new ArrayList<>(1);
    for (AttributeInstance i : instances(name)) {
      out.add(i.attribute());
    }
    return out;
  }

  /** The first value of a standard attribute, or null. */
  public Ttlv attribute(Tag tag) {
    List<Attribute> as = attributes(tag.specName());
    return as.isEmpty() ? null : as.get(0).value();
  }

  /** The names of the attributes this object has (Get Attribute List), each once, in order. */
  public List<String> attributeNames() {
    List<String> names = new ArrayList<>();
    for (Attribute a : attributes()) {
      if (!names.contains(a.name())) {
        names.add(a.name());
      }
    }
    return names;
  }

  /**
   * Gives Attribute Indices (and search columns) to rows stored before the index column existed:
   * each keeps its position among its namesakes as its index, which is what the indices were then.
   *
   * @return whether anything changed
   */
  public boolean upgradeStoredAttributes() {
    boolean legacy = false;
    for (StoredAttribute s : rows()) {
      legacy |= s.index() < 0;
    }
    if (!legacy) {
      return false;
    }
    Map<String, Integer> next = new HashMap<>();
    for (StoredAttribute s : rows()) {
      next.merge(s.name(), Math.max(0, s.index() + 1), Math::max);
    }
    for (StoredAttribute s : rows()) {
      if (s.index() < 0) {
        s.setIndex(next.merge(s.name(), 1, Integer::sum) - 1);
        s.refreshSearchKey();
      }
    }
    return true;
  }

  // ---- attribute operations ------------------------------------------------------------------

  /**
   * Add Attribute (KMIP 1.4 §4.14, 2.1 §6.1.2): a new instance; for a single-valued attribute only
   * when it has none. The new instance's index is one more than the highest of its namesakes.
   */
  public AttributeInstance addAttribute(Attribute a, KmipVersion v, Instant now) {
    AttributeRule rule = require(Action.ADD, AttributeRules.standard().toAdd(a.name(), objectType, v), a.name(), v);
    requireState(rule, Action.ADD, v, now);
    QuantumSafety.requireAfter(attributes(), a);
    AttributeInstance added = append(rule, a, Action.ADD, v);
    changed(now);
    return added;
  }

  /**
   * Set Attribute (KMIP 2.1 §6.1.51): adds the attribute if the object has none, replaces the value
   * if it has one, and refuses (Multi Valued Attribute) if it has several.
   */
  public AttributeInstance setAttribute(Attribute a, KmipVersion v, Instant now) {
    List<StoredAttribute> same = stored(a.name());
    QuantumSafety.requireAfter(attributes(), a);
    if (same.size() > 1) {
      requireKnown(a.name(), Action.SET, v);
      throw new AttributeException(Problem.AMBIGUOUS, Action.SET, v,
          "the object has " + same.size() + " values of " + a.name() + "; Set Attribute replaces a single value");
    }
    AttributeRules rules = AttributeRules.standard();
    if (same.isEmpty()) {
      AttributeRule rule = require(Action.SET, rules.toAdd(a.name(), objectType, v), a.name(), v);
      requireState(rule, Action.SET, v, now);
      AttributeInstance added = append(rule, a, Action.SET, v);
      changed(now);
      return added;
    }
    AttributeRule rule = require(Action.SET, rules.toModify(a.name(), objectType, v), a.name(), v);
    return replace(rule, same.get(0), a.value(), Action.SET, v, now);
  }

  /**
   * Modify Attribute of KMIP 1.x (1.4 §4.15): the instance with this Attribute Index (0 when the
   * request has none) takes the new value and keeps its index.
   */
  public AttributeInstance modifyAttribute(String name, Integer index, Ttlv value, KmipVersion v, Instant now) {
    AttributeRule rule = require(Action.MODIFY, AttributeRules.standard().toModify(name, objectType, v), name, v);
    List<StoredAttribute> same = stored(name);
    if (same.isEmpty()) {
      throw new AttributeException(Problem.NOT_FOUND, Action.MODIFY, v, "the object has no " + name + "; add it first");
    }
    int wanted = index == null ? 0 : index;
    StoredAttribute target = withIndex(same, wanted);
    if (target == null) {
      throw new AttributeException(Problem.INSTANCE_NOT_FOUND, Action.MODIFY, v, "the object has no " + name + " with Attribute Index " + wanted);
    }
    QuantumSafety.requireAfter(attributes(), new Attribute(name, value));
    return replace(rule, target, value, Action.MODIFY, v, now);
  }

  /**
   * Modify Attribute of KMIP 2.x (2.1 §6.1.34): the instance equal to {@code current}, or without
   * it the only instance, takes the value of {@code replacement}.
   */
  public AttributeInstance modifyAttribute(Attribute current, Attribute replacement, KmipVersion v, Instant now) {
    String name = replacement.name();
    if (current != null && !current.name().equals(name)) {
      throw KmipException.invalidField("Current Attribute " + current.name() + " and New Attribute " + name + " are different attributes");
    }
    AttributeRule rule = require(Action.MODIFY, AttributeRules.standard().toModify(name, objectType, v), name, v);
    List<StoredAttribute> same = stored(name);
    if (same.isEmpty()) {
      throw new AttributeException(Problem.NOT_FOUND, Action.MODIFY, v, "the object has no " + name + "; add it first");
    }
    StoredAttribute target;
    if (current != null) {
      target = withValue(same, current.value());
      if (target == null) {
        throw new AttributeException(Problem.INSTANCE_NOT_FOUND, Action.MODIFY, v, "the object has no " + name + " with the Current Attribute's value");
      }
    } else if (same.size() == 1) {
      target = same.get(0);
    } else {
      throw new AttributeException(Problem.AMBIGUOUS, Action.MODIFY, v,
          "the object has " + same.size() + " values of " + name + "; give the Current Attribute");
    }
    QuantumSafety.requireAfter(attributes(), replacement);
    return replace(rule, target, replacement.value(), Action.MODIFY, v, now);
  }

  /**
   * Delete Attribute of KMIP 1.x (1.4 §4.16): the instance with this Attribute Index, or index 0
   * when the request has none. KMIP 1.0 instead refuses a request without index for an attribute
   * with several instances (1.0 §4.16, Invalid Field). The other instances keep their indices.
   */
  public AttributeInstance deleteAttribute(String name, Integer index, KmipVersion v, Instant now) {
    require(Action.DELETE, AttributeRules.standard().toDelete(name, objectType, v), name, v);
    List<StoredAttribute> same = stored(name);
    if (same.isEmpty()) {
      throw new AttributeException(Problem.NOT_FOUND, Action.DELETE, v, "the object has no " + name);
    }
    if (index == null && v == KmipVersion.V1_0 && same.size() > 1) {
      throw new AttributeException(Problem.AMBIGUOUS, Action.DELETE, v,
          "the object has " + same.size() + " values of " + name + "; KMIP 1.0 needs the Attribute Index");
    }
    int wanted = index == null ? 0 : index;
    StoredAttribute target = withIndex(same, wanted);
    if (target == null) {
      throw new AttributeException(Problem.INSTANCE_NOT_FOUND, Action.DELETE, v, "the object has no " + name + " with Attribute Index " + wanted);
    }
    if (UsageLimits.is(target.toAttribute())) {
      UsageLimits.requireUnused(target.toAttribute().value(), Action.DELETE, v);
    }
    AttributeInstance deleted = target.toInstance();
    storedAttributes.remove(target);
    changed(now);
    return deleted;
  }

  /**
   * Delete Attribute of KMIP 2.x (2.1 §6.1.13): the instance equal to {@code current}, or, with
   * only an Attribute Reference, every instance of the attribute.
   *
   * @return the deleted instances
   */
  public List<AttributeInstance> deleteAttribute(String name, Attribute current, KmipVersion v, Instant now) {
    require(Action.DELETE, AttributeRules.standard().toDelete(name, objectType, v), name, v);
    List<StoredAttribute> same = stored(name);
    if (same.isEmpty()) {
      throw new AttributeException(Problem.NOT_FOUND, Action.DELETE, v, "the object has no " + name);
    }
    List<StoredAttribute> targets;
    if (current != null) {
      StoredAttribute t = withValue(same, current.value());
      if (t == null) {
        throw new AttributeException(Problem.INSTANCE_NOT_FOUND, Action.DELETE, v, "the object has no " + name + " with the Current Attribute's value");
      }
      targets = List.of(t);
    } else {
      targets = same;
    }
    List<AttributeInstance> deleted = new ArrayList<>(targets.size());
    for (StoredAttribute t : targets) {
      if (UsageLimits.is(t.toAttribute())) {
        UsageLimits.requireUnused(t.toAttribute().value(), Action.DELETE, v);
      }
      deleted.add(t.toInstance());
    }
    storedAttributes.removeAll(targets);
    changed(now);
    return deleted;
  }

  /**
   * Adjust Attribute (KMIP 2.1 §6.1.3): Increment or Decrement a number, interval or date (by
   * {@code amount}, by default 1, one second for a Date-Time, one microsecond for a Date-Time
   * Extended), or Negate a number or Boolean (Adjustment Type, 2.1 §11.1). An absent attribute
   * counts as 0 or False; an absent date cannot be adjusted.
   */
  public AttributeInstance adjustAttribute(String name, AdjustmentType type, Ttlv amount, KmipVersion v, Instant now) {
    List<StoredAttribute> same = stored(name);
    AttributeRules rules = AttributeRules.standard();
    if (same.size() > 1) {
      requireKnown(name, Action.ADJUST, v);
      throw new AttributeException(Problem.AMBIGUOUS, Action.ADJUST, v,
          "the object has " + same.size() + " values of " + name + "; Adjust Attribute changes a single value");
    }
    AttributeRule rule = require(Action.ADJUST,
        same.isEmpty() ? rules.toAdd(name, objectType, v) : rules.toModify(name, objectType, v), name, v);
    Ttlv previous = same.isEmpty() ? zeroOf(name, amount, v) : same.get(0).toAttribute().value();
    Ttlv adjusted = Adjustments.apply(previous, type, amount, v);
    if (same.isEmpty()) {
      requireState(rule, Action.ADJUST, v, now);
      AttributeInstance added = append(rule, new Attribute(name, adjusted), Action.ADJUST, v);
      changed(now);
      return added;
    }
    return replace(rule, same.get(0), adjusted, Action.ADJUST, v, now);
  }

  // ---- helpers of the attribute operations ----------------------------------------------------

  private AttributeInstance append(AttributeRule rule, Attribute a, Action action, KmipVersion v) {
    List<StoredAttribute> same = stored(a.name());
    if (!same.isEmpty() && !rule.multipleInstances(v)) {
      throw new AttributeException(Problem.SINGLE_VALUED, action, v, a.name() + " is single-valued and the object has it already");
    }
    if (same.size() >= MAX_INSTANCES) {
      throw new AttributeException(Problem.TOO_MANY, action, v, "the object has " + MAX_INSTANCES + " values of " + a.name() + " already");
    }
    requireUniqueHere(rule, a.name(), a.value(), null, action, v);
    int index = 0;
    for (StoredAttribute s : same) {
      index = Math.max(index, s.index() + 1);
    }
    Attribute stored = UsageLimits.initial(a);
    append(new StoredAttribute(this, stored, index));
    return new AttributeInstance(stored, index);
  }

  private AttributeInstance replace(AttributeRule rule, StoredAttribute target, Ttlv value, Action action, KmipVersion v, Instant now) {
    requireState(rule, action, v, now);
    if (rule.clientModifiableUntilReached()) {
      Instant current = target.toAttribute().value().asInstant();
      if (!current.isAfter(now)) {
        throw new AttributeException(Problem.DATE_REACHED, action, v, target.name() + " has been reached and can no longer change");
      }
    }
    requireUniqueHere(rule, target.name(), value, target, action, v);
    Ttlv current = target.toAttribute().value();
    if (UsageLimits.is(target.toAttribute()) && value.isStructure()) {
      value = UsageLimits.modified(current, value, action, v);
    }
    target.setValue(value.retag(current.tag()));
    changed(now);
    return target.toInstance();
  }

  /** The rule, or the verdict's refusal. */
  private static AttributeRule require(Action action, Verdict verdict, String name, KmipVersion v) {
    refuse(verdict, action, name, null, v);
    return AttributeRules.standard().rule(name);
  }

  private static void requireKnown(String name, Action action, KmipVersion v) {
    AttributeRule r = AttributeRules.standard().rule(name);
    if (r == null || !r.definedIn(v)) {
      refuse(r == null ? Verdict.UNKNOWN : Verdict.NOT_IN_VERSION, action, name, null, v);
    }
  }

  private static void refuse(Verdict verdict, Action action, String name, ObjectType type, KmipVersion v) {
    switch (verdict) {
      case ALLOWED -> { }
      case UNKNOWN -> throw new AttributeException(Problem.UNKNOWN, action, v, "'" + name + "' is not an attribute");
      case NOT_IN_VERSION -> throw new AttributeException(Problem.NOT_IN_VERSION, action, v,
          name + " is not an attribute of KMIP " + v.label());
      case NOT_APPLICABLE -> throw new AttributeException(Problem.NOT_APPLICABLE, action, v,
          name + " does not apply to " + (type == null ? "this object" : type.specName() + " objects"));
      case READ_ONLY -> throw new AttributeException(Problem.READ_ONLY, action, v, readOnlyMessage(action, name));
    }
  }

  private static String readOnlyMessage(Action action, String name) {
    return switch (action) {
      case CREATE -> name + " is set by the server, not the client";
      case DELETE -> name + " cannot be deleted by a client";
      case ADD -> name + " cannot be added by a client";
      default -> name + " is read-only for a client";
    };
  }

  /** "Modifiable ... only while in Pre-Active state" and the like. */
  private void requireState(AttributeRule rule, Action action, KmipVersion v, Instant now) {
    advanceClock(now);
    if (!rule.clientModifiableStates().isEmpty() && !rule.clientModifiableStates().contains(state)) {
      throw new AttributeException(Problem.WRONG_STATE, action, v,
          rule.name() + " can change only in state " + rule.clientModifiableStates().stream().map(State::specName).toList()
              + ", not " + state.specName());
    }
  }

  /** A Name this object already has (BL-M-8-21: Non Unique Name Attribute). */
  private void requireUniqueHere(AttributeRule rule, String name, Ttlv value, StoredAttribute except, Action action, KmipVersion v) {
    if (!rule.unique()) {
      return;
    }
    String key = SearchKey.of(value).text();
    for (StoredAttribute s : stored(name)) {
      if (s != except && key != null && key.equals(SearchKey.of(s.toAttribute().value()).text())) {
        throw new AttributeException(Problem.NAME_NOT_UNIQUE, action, v, name + " '" + key + "' is already a " + name + " of this object");
      }
    }
  }

  /** The text a unique attribute (Name) must not share, or null. */
  static String uniqueValue(AttributeRules rules, Attribute a) {
    AttributeRule r = rules.rule(a.name());
    return r != null && r.unique() ? SearchKey.of(a.value()).text() : null;
  }

  private Ttlv zeroOf(String name, Ttlv amount, KmipVersion v) {
    Tag tag = Tag.fromSpecName(name);
    ItemType type = tag != null ? tag.typeIn(v) : amount != null ? amount.type() : null;
    int t = tag != null ? tag.value() : Tag.ATTRIBUTE_VALUE.value();
    if (type == null) {
      throw new AttributeException(Problem.NOT_FOUND, Action.ADJUST, v, "the object has no " + name + " to adjust");
    }
    return switch (type) {
      case INTEGER -> Ttlv.integer(t, 0);
      case LONG_INTEGER -> Ttlv.longInteger(t, 0);
      case BIG_INTEGER -> Ttlv.bigInteger(t, BigInteger.ZERO);
      case INTERVAL -> Ttlv.interval(t, 0);
      case BOOLEAN -> Ttlv.bool(t, false);
      default -> throw new AttributeException(Problem.NOT_FOUND, Action.ADJUST, v, "the object has no " + name + " to adjust");
    };
  }

  private void changed(Instant now) {
    touch(now);
    advanceClock(now);
  }

  private static StoredAttribute withIndex(List<StoredAttribute> same, int index) {
    for (StoredAttribute s : same) {
      if (s.index() == index) {
        return s;
      }
    }
    return null;
  }

  private static StoredAttribute withValue(List<StoredAttribute> same, Ttlv value) {
    for (StoredAttribute s : same) {
      Ttlv have = s.toAttribute().value();
      if (have.equals(value.retag(have.tag()))) {
        return s;
      }
    }
    return null;
  }

  /** The stored instances of one attribute, legacy rows given their indices first. */
  private List<StoredAttribute> stored(String name) {
    upgradeStoredAttributes();
    List<StoredAttribute> out = new ArrayList<>(1);
    for (StoredAttribute s : rows()) {
      if (s.name().equals(name)) {
        out.add(s);
      }
    }
    return out;
  }

  // ---- server-made changes (Create Key Pair, Re-key) ------------------------------------------

  /**
   * Adds a Link the server makes (KMIP 1.4 §3.35, 2.1 §4.30): Public/Private Key Link on Create Key
   * Pair, Replacement/Replaced Object Link on Re-key.
   */
  public void addLink(LinkType type, String linkedObjectIdentifier, Instant now) {
    int index = 0;
    for (StoredAttribute s : stored(Tag.LINK.specName())) {
      index = Math.max(index, s.index() + 1);
    }
    append(new StoredAttribute(this, Attribute.of(Tag.LINK, Ttlv.structure(Tag.LINK,
        Ttlv.enumeration(Tag.LINK_TYPE, type), Ttlv.text(Tag.LINKED_OBJECT_IDENTIFIER, linkedObjectIdentifier))), index));
    touch(now);
  }

  /**
   * Removes the Links of one type: Re-certify points the Public Key's Certificate Link at the new
   * certificate (the 1.0–1.2 test case TC-134 expects one Certificate Link, to the newest).
   */
  public void removeLinks(LinkType type, Instant now) {
    if (storedAttributes.removeIf(s -> s.name().equals(Tag.LINK.specName())
        && s.toAttribute().value().child(Tag.LINK_TYPE) != null
        && s.toAttribute().value().child(Tag.LINK_TYPE).asInt() == type.value())) {
      touch(now);
    }
  }

  /** Removes every value of an attribute: Re-key moves the existing key's Names to its replacement. */
  public void removeAll(Tag tag, Instant now) {
    if (storedAttributes.removeIf(s -> s.name().equals(tag.specName()))) {
      touch(now);
    }
  }

  /** Replaces all values of a single-valued attribute with this one, at index 0. */
  void put(Attribute a) {
    int at = -1;
    int position = -1;
    List<StoredAttribute> rows = rows();
    for (int i = rows.size() - 1; i >= 0; i--) {
      if (rows.get(i).name().equals(a.name())) {
        position = rows.remove(i).position();
        at = i;
      }
    }
    StoredAttribute s = new StoredAttribute(this, a, 0);
    if (at >= 0) {
      s.setPosition(position); // where the value it replaces was
      rows.add(at, s);
    } else {
      append(s);
    }
  }

  private void touch(Instant now) {
    put(Attribute.of(Tag.LAST_CHANGE_DATE, Ttlv.dateTime(Tag.LAST_CHANGE_DATE, now)));
  }

  private Instant date(Tag tag) {
    for (StoredAttribute s : rows()) {
      if (s.name().equals(tag.specName())) {
        Ttlv v = s.toAttribute().value();
        return v.type() == ItemType.DATE_TIME || v.type() == ItemType.DATE_TIME_EXTENDED ? v.asInstant() : null;
      }
    }
    return null;
  }

  private static long micros(Instant t) {
    return t.getEpochSecond() * 1_000_000L + t.getNano() / 1000;
  }

  // ---- plain accessors -----------------------------------------------------------------------

  public String uniqueIdentifier() {
    return uniqueIdentifier;
  }

  public ObjectType objectType() {
    return objectType;
  }

  public State state() {
    return state;
  }

  public String owner() {
    return owner;
  }

  /** The sealed content; the caller unseals it. Fails for a destroyed object. */
  public byte[] sealedObject() {
    if (sealedObject == null) {
      throw new KmipException(io.keyfed.kmip.spec.ResultReason.OBJECT_DESTROYED,
          "object " + uniqueIdentifier + " is " + state.specName() + "; its key material is gone");
    }
    return sealedObject.clone();
  }

  /**
   * The same content sealed again (under a new master key). Not a change of the object: its
   * attributes, dates and Last Change Date stay as they are.
   */
  public void reseal(byte[] newSealedObject) {
    if (sealedObject == null) {
      throw new IllegalStateException("object " + uniqueIdentifier + " has no content to re-seal");
    }
    sealedObject = newSealedObject.clone();
    sealKeyId = SealedContent.keyIdOf(newSealedObject);
  }

  public String sealKeyId() {
    return sealKeyId;
  }

  public long version() {
    return version;
  }
}
