package io.keyfed.domain.object;

import io.keyfed.kmip.attribute.Attribute;
import io.keyfed.kmip.message.KmipException;
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
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
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
public class ManagedObject {

  public static final String COUNT = "ManagedObject.count";
  public static final String COUNT_BY_SEAL_KEY = "ManagedObject.countBySealKey";
  public static final String SEALED_UNDER_OTHER_KEY = "ManagedObject.sealedUnderOtherKey";

  /** Attributes the server derives or maintains; a client may not set them directly. */
  public static final Set<Tag> SERVER_MANAGED = Set.of(
      Tag.UNIQUE_IDENTIFIER, Tag.OBJECT_TYPE, Tag.STATE, Tag.INITIAL_DATE, Tag.LAST_CHANGE_DATE,
      Tag.DESTROY_DATE, Tag.COMPROMISE_DATE, Tag.REVOCATION_REASON, Tag.DIGEST);

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

  @OneToMany(mappedBy = "managedObject", cascade = CascadeType.ALL, orphanRemoval = true, fetch = FetchType.EAGER)
  @OrderColumn(name = "POSITION")
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

  @Version
  @Column(name = "VERSION")
  private long version;

  protected ManagedObject() {}

  /**
   * A new object, Pre-Active unless the attributes give an Activation Date that has passed.
   *
   * @param attributes the client's attributes and those the server adds (algorithm, length,
   *     digest, ...); server-managed dates are set here
   */
  public static ManagedObject create(String uniqueIdentifier, ObjectType type, String owner,
      List<Attribute> attributes, byte[] sealedObject, Instant now) {
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
    Instant created = Instant.now();
    o.createdMicros = created.getEpochSecond() * 1_000_000L + created.getNano() / 1000;
    for (Attribute a : attributes) {
      o.storedAttributes.add(new StoredAttribute(o, a));
    }
    o.put(Attribute.of(Tag.INITIAL_DATE, Ttlv.dateTime(Tag.INITIAL_DATE, now)));
    o.touch(now);
    o.advanceClock(now);
    return o;
  }

  // ---- lifecycle -----------------------------------------------------------------------------

  /**
   * Applies the date-driven transitions that are due: an Activation Date in the past activates a
   * Pre-Active object, a Deactivation Date in the past deactivates an Active one.
   */
  public void advanceClock(Instant now) {
    if (state == State.PRE_ACTIVE) {
      Instant activation = date(Tag.ACTIVATION_DATE);
      if (activation != null && !activation.isAfter(now)) {
        state = State.ACTIVE;
      }
    }
    if (state == State.ACTIVE || state == State.PRE_ACTIVE) {
      Instant deactivation = date(Tag.DEACTIVATION_DATE);
      if (deactivation != null && !deactivation.isAfter(now)) {
        state = State.DEACTIVATED;
      }
    }
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
    for (StoredAttribute s : imported.storedAttributes) {
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
    for (Attribute a : attributes) {
      if (a.is(Tag.STATE)) {
        state = State.fromValue(a.value().asInt());
      } else if (!a.is(Tag.UNIQUE_IDENTIFIER) && !a.is(Tag.OBJECT_TYPE)) {
        storedAttributes.add(new StoredAttribute(this, a));
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

  private static long micros(Instant t) {
    return t.getEpochSecond() * 1_000_000L + t.getNano() / 1000;
  }

  // ---- attributes ----------------------------------------------------------------------------

  /** Every attribute: Unique Identifier, Object Type and State first, then the stored ones. */
  public List<Attribute> attributes() {
    List<Attribute> out = new ArrayList<>(storedAttributes.size() + 3);
    out.add(Attribute.of(Tag.UNIQUE_IDENTIFIER, Ttlv.text(Tag.UNIQUE_IDENTIFIER, uniqueIdentifier)));
    out.add(Attribute.of(Tag.OBJECT_TYPE, Ttlv.enumeration(Tag.OBJECT_TYPE, objectType)));
    out.add(Attribute.of(Tag.STATE, Ttlv.enumeration(Tag.STATE, state)));
    for (StoredAttribute s : storedAttributes) {
      out.add(s.toAttribute());
    }
    return Collections.unmodifiableList(out);
  }

  /** The values of one attribute, in index order. */
  public List<Attribute> attributes(String name) {
    List<Attribute> out = new ArrayList<>(1);
    for (Attribute a : attributes()) {
      if (a.name().equals(name)) {
        out.add(a);
      }
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

  // ---- server-made changes (Create Key Pair, Re-key) ------------------------------------------

  /**
   * Adds a Link the server makes (KMIP 1.4 §3.35, 2.1 §4.30): Public/Private Key Link on Create Key
   * Pair, Replacement/Replaced Object Link on Re-key.
   */
  public void addLink(LinkType type, String linkedObjectIdentifier, Instant now) {
    storedAttributes.add(new StoredAttribute(this, Attribute.of(Tag.LINK, Ttlv.structure(Tag.LINK,
        Ttlv.enumeration(Tag.LINK_TYPE, type), Ttlv.text(Tag.LINKED_OBJECT_IDENTIFIER, linkedObjectIdentifier)))));
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

  /** Replaces all values of a single-valued attribute with this one. */
  void put(Attribute a) {
    int at = -1;
    for (int i = storedAttributes.size() - 1; i >= 0; i--) {
      if (storedAttributes.get(i).name().equals(a.name())) {
        storedAttributes.remove(i);
        at = i;
      }
    }
    StoredAttribute s = new StoredAttribute(this, a);
    if (at >= 0) {
      storedAttributes.add(at, s);
    } else {
      storedAttributes.add(s);
    }
  }

  private void touch(Instant now) {
    put(Attribute.of(Tag.LAST_CHANGE_DATE, Ttlv.dateTime(Tag.LAST_CHANGE_DATE, now)));
  }

  private Instant date(Tag tag) {
    for (StoredAttribute s : storedAttributes) {
      if (s.name().equals(tag.specName())) {
        return s.toAttribute().value().asInstant();
      }
    }
    return null;
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
