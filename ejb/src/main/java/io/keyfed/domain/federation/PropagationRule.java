package io.keyfed.domain.federation;

import io.keyfed.domain.object.ManagedObject;
import io.keyfed.kmip.attribute.Attribute;
import io.keyfed.kmip.spec.ItemType;
import io.keyfed.kmip.spec.ObjectType;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.ttlv.Ttlv;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import jakarta.persistence.Version;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * A propagation rule (DESIGN.md §3): which objects (the selector: object group, name wildcard,
 * object type, one attribute value — all given criteria must hold) go to which server, in which
 * direction and form, and what the target may do with its copy (read-only always; a lease; a
 * usage allocation). Rules are the only way objects leave a server. A paused rule selects nothing
 * new; what it already queued stays queued.
 */
@Entity
@Table(name = "KF_RULE", uniqueConstraints = @UniqueConstraint(name = "KF_RULE_NAME", columnNames = "NAME"))
@NamedQuery(name = PropagationRule.ALL, query = "SELECT r FROM PropagationRule r ORDER BY r.name")
@NamedQuery(name = PropagationRule.ACTIVE, query = "SELECT r FROM PropagationRule r WHERE r.paused = FALSE ORDER BY r.id")
@NamedQuery(name = PropagationRule.BY_NAME, query = "SELECT r FROM PropagationRule r WHERE r.name = :name")
@NamedQuery(name = PropagationRule.BY_TARGET, query = "SELECT r FROM PropagationRule r WHERE r.target = :target")
public class PropagationRule {

  public static final String ALL = "PropagationRule.all";
  public static final String ACTIVE = "PropagationRule.active";
  public static final String BY_NAME = "PropagationRule.byName";
  public static final String BY_TARGET = "PropagationRule.byTarget";

  @Id
  @SequenceGenerator(name = "KF_RULE_SEQ", sequenceName = "KF_RULE_SEQ", allocationSize = 10)
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "KF_RULE_SEQ")
  private Long id;

  @Column(name = "NAME", length = 64, nullable = false)
  private String name;

  @ManyToOne(optional = false)
  @JoinColumn(name = "TARGET_ID", nullable = false)
  private ServerEntity target;

  @Column(name = "OBJECT_GROUP", length = 255)
  private String objectGroup;

  @Column(name = "NAME_PATTERN", length = 255)
  private String namePattern;

  @Enumerated(EnumType.STRING)
  @Column(name = "OBJECT_TYPE", length = 40)
  private ObjectType objectType;

  @Column(name = "ATTR_NAME", length = 255)
  private String attributeName;

  @Column(name = "ATTR_VALUE", length = 512)
  private String attributeValue;

  @Enumerated(EnumType.STRING)
  @Column(name = "DIRECTION", length = 16, nullable = false)
  private Direction direction;

  @Enumerated(EnumType.STRING)
  @Column(name = "FORM", length = 16, nullable = false)
  private Form form;

  /** Seconds of use the target gets per lease; null: no lease (use without limit in time). */
  @Column(name = "LEASE_SECONDS")
  private Long leaseSeconds;

  /** Uses the target may pre-allocate at a time; null: no usage allocation. */
  @Column(name = "USAGE_ALLOCATION")
  private Long usageAllocation;

  /** Owner of the copies at the target; null: the object's owner here. */
  @Column(name = "TARGET_OWNER", length = 512)
  private String targetOwner;

  @Column(name = "PAUSED", nullable = false)
  private boolean paused;

  // A MOVE rule's scan: the objects that existed when it was defined are queued in pages in
  // Unique Identifier order, each page in one transaction with the position reached (so a crash
  // resumes after the last page queued); objects created later are queued as they are created.

  /** When the move began (microseconds since the epoch); null for other directions. */
  @Column(name = "MOVE_STARTED")
  private Long moveStartedMicros;

  /** The last Unique Identifier the move has looked at; null before the first page. */
  @Column(name = "MOVE_SCANNED_TO", length = 128)
  private String moveScannedTo;

  @Column(name = "MOVE_SCAN_DONE")
  private Boolean moveScanDone;

  @Version
  private long version;

  protected PropagationRule() {}

  public PropagationRule(String name, ServerEntity target, Selector selector, Direction direction, Form form,
      Long leaseSeconds, Long usageAllocation, String targetOwner) {
    this.name = ServerEntity.checkName(name);
    this.target = target;
    update(selector, direction, form, leaseSeconds, usageAllocation, targetOwner);
    if (direction == Direction.MOVE) {
      if (!target.roles().contains(ServerRole.PARTITION)) {
        throw FederationException.invalid("a MOVE rule's target must be a server with the PARTITION role; "
            + target.name() + " has " + target.roles());
      }
      moveStartedMicros = micros(java.time.Instant.now());
      moveScanDone = false;
    }
  }

  /** The selector: every non-null criterion must hold; at least one is given ({@code namePattern "*"} selects all). */
  public record Selector(String objectGroup, String namePattern, ObjectType objectType, String attributeName, String attributeValue) {}

  public final void update(Selector s, Direction direction, Form form, Long leaseSeconds, Long usageAllocation, String targetOwner) {
    if (s == null || (blank(s.objectGroup()) && blank(s.namePattern()) && s.objectType() == null && blank(s.attributeName()))) {
      throw FederationException.invalid("a rule needs a selector: objectGroup, namePattern, objectType or attributeName/attributeValue (namePattern \"*\" selects everything)");
    }
    if (blank(s.attributeName()) != blank(s.attributeValue())) {
      throw FederationException.invalid("attributeName and attributeValue go together");
    }
    if (direction == null || form == null) {
      throw FederationException.invalid("direction (DOWNWARD, UPWARD, EXCHANGE, MOVE) and form (PLAIN, WRAPPED) are required");
    }
    if (this.direction != null && (this.direction == Direction.MOVE) != (direction == Direction.MOVE)) {
      throw FederationException.invalid("a rule cannot become or stop being a MOVE rule; define a new rule");
    }
    if (leaseSeconds != null && leaseSeconds < 1) {
      throw FederationException.invalid("leaseSeconds must be positive");
    }
    if (usageAllocation != null && usageAllocation < 1) {
      throw FederationException.invalid("usageAllocation must be positive");
    }
    if (direction != Direction.DOWNWARD && (leaseSeconds != null || usageAllocation != null)) {
      throw FederationException.invalid("leases and usage allocations are for DOWNWARD rules (the master grants them)");
    }
    this.objectGroup = trim(s.objectGroup());
    this.namePattern = trim(s.namePattern());
    this.objectType = s.objectType();
    this.attributeName = trim(s.attributeName());
    this.attributeValue = trim(s.attributeValue());
    this.direction = direction;
    this.form = form;
    this.leaseSeconds = leaseSeconds;
    this.usageAllocation = usageAllocation;
    this.targetOwner = trim(targetOwner);
  }

  /** Whether this rule sends {@code o} (paused rules send nothing). */
  public boolean selects(ManagedObject o) {
    return selects(o.objectType(), o::attributes);
  }

  /**
   * The selector over an object's type and its attributes by name: all it reads of an object, so
   * that a scan of many objects can fetch only the attributes named by {@link #selectorAttributes}.
   */
  public boolean selects(ObjectType type, Function<String, List<Attribute>> attributes) {
    if (paused) {
      return false;
    }
    if (objectType != null && type != objectType) {
      return false;
    }
    if (objectGroup != null && !hasText(attributes.apply(Tag.OBJECT_GROUP.specName()), objectGroup, false)) {
      return false;
    }
    if (namePattern != null && !namePattern.equals("*") && !hasText(attributes.apply(Tag.NAME.specName()), namePattern, true)) {
      return false;
    }
    return attributeName == null || hasText(attributes.apply(attributeName), attributeValue, false);
  }

  /** The names of the attributes {@link #selects} reads. */
  public Set<String> selectorAttributes() {
    Set<String> out = new HashSet<>();
    if (objectGroup != null) {
      out.add(Tag.OBJECT_GROUP.specName());
    }
    if (namePattern != null && !namePattern.equals("*")) {
      out.add(Tag.NAME.specName());
    }
    if (attributeName != null) {
      out.add(attributeName);
    }
    return out;
  }

  private static boolean hasText(List<Attribute> values, String wanted, boolean wildcard) {
    Pattern p = wildcard ? wildcard(wanted) : null;
    for (Attribute a : values) {
      Ttlv v = a.value();
      if (v.isStructure() && v.child(Tag.NAME_VALUE) != null) {
        v = v.child(Tag.NAME_VALUE);
      }
      if (v.type() != ItemType.TEXT_STRING) {
        continue;
      }
      if (p != null ? p.matcher(v.asText()).matches() : v.asText().equals(wanted)) {
        return true;
      }
    }
    return false;
  }

  /** {@code *} any run of characters, {@code ?} one character; everything else literal. */
  static Pattern wildcard(String glob) {
    StringBuilder re = new StringBuilder();
    for (char c : glob.toCharArray()) {
      switch (c) {
        case '*' -> re.append(".*");
        case '?' -> re.append('.');
        default -> re.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(re.toString(), Pattern.DOTALL);
  }

  /** Whether a MOVE rule still has objects that existed before it to look at. */
  public boolean moveScanning() {
    return direction == Direction.MOVE && !Boolean.TRUE.equals(moveScanDone);
  }

  /** The instant before which objects are the scan's (later ones are queued as created). */
  public long moveStartedMicros() {
    return moveStartedMicros == null ? 0 : moveStartedMicros;
  }

  public String moveScannedTo() {
    return moveScannedTo;
  }

  /** A page of the scan is queued, up to {@code lastUid}; {@code done}: no more pages. */
  public void moveScanned(String lastUid, boolean done) {
    if (lastUid != null) {
      moveScannedTo = lastUid;
    }
    moveScanDone = done;
  }

  private static long micros(java.time.Instant t) {
    return t.getEpochSecond() * 1_000_000L + t.getNano() / 1_000;
  }

  public void pause() {
    paused = true;
  }

  public void resume() {
    paused = false;
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  private static String trim(String s) {
    return blank(s) ? null : s.strip();
  }

  public Long id() {
    return id;
  }

  public String name() {
    return name;
  }

  public ServerEntity target() {
    return target;
  }

  public Selector selector() {
    return new Selector(objectGroup, namePattern, objectType, attributeName, attributeValue);
  }

  public Direction direction() {
    return direction;
  }

  public Form form() {
    return form;
  }

  public Long leaseSeconds() {
    return leaseSeconds;
  }

  public Long usageAllocation() {
    return usageAllocation;
  }

  public String targetOwner() {
    return targetOwner;
  }

  public boolean paused() {
    return paused;
  }
}
