package io.keyfed.domain.object;

import io.keyfed.kmip.attribute.Attribute;
import io.keyfed.kmip.attribute.AttributeInstance;
import io.keyfed.kmip.ttlv.Ttlv;
import io.keyfed.kmip.ttlv.TtlvException;
import io.keyfed.kmip.ttlv.TtlvReader;
import io.keyfed.kmip.ttlv.TtlvWriter;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Lob;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

/**
 * One attribute instance of a managed object, persisted as its TTLV encoding (so every attribute
 * of every version round-trips exactly), its KMIP 1.x Attribute Index, and the {@link SearchKey}
 * columns that Locate compares in SQL.
 *
 * <p>The Attribute Index is a column rather than the instance's position among its namesakes:
 * KMIP 1.x (1.0 §2.1.1) requires that an instance keep its index when another instance of the same
 * attribute is deleted. Rows written before the column existed have no index (nor search number)
 * until {@link ManagedObject#upgradeStoredAttributes()} fills them in.
 */
@Entity
// The object's identifier closes the search indexes: Locate asks "has this object an attribute of
// this name and value" once per object (EXISTS), and with (NAME, SEARCH_TEXT) alone H2 answered it
// by reading every row of that value — a peer's Locate of a 100,000-object group did not finish;
// with the identifier it is one index seek (measured: counting the group 1.2 s).
@Table(name = "KF_ATTRIBUTE", indexes = {
    @Index(name = "KF_ATTRIBUTE_SEARCH_OBJECT", columnList = "NAME,SEARCH_TEXT,OBJECT_UID"),
    @Index(name = "KF_ATTRIBUTE_NUMBER_OBJECT", columnList = "NAME,SEARCH_NUMBER,OBJECT_UID"),
    @Index(name = "KF_ATTRIBUTE_OBJECT", columnList = "OBJECT_UID")})
public class StoredAttribute {

  /** Longest text kept for searching; longer values are matched in memory. */
  static final int SEARCH_TEXT_MAX = SearchKey.TEXT_MAX;

  /** The sequence of attribute row ids. */
  public static final String ID_SEQUENCE = "KF_ATTRIBUTE_SEQ";

  /**
   * Ids taken from the sequence at a time (its step, too: see SequenceUpgrade). Each take holds a
   * lock shared by every thread of the server for a database round trip; at 50 (an object has
   * about 20 attribute rows) four threads storing objects side by side spent most of their time
   * waiting for it.
   */
  public static final int ID_BLOCK = 1000;

  @Id
  @SequenceGenerator(name = ID_SEQUENCE, sequenceName = ID_SEQUENCE, allocationSize = ID_BLOCK)
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = ID_SEQUENCE)
  private Long id;

  @ManyToOne(optional = false)
  @JoinColumn(name = "OBJECT_UID", nullable = false)
  private ManagedObject managedObject;

  /**
   * The object's identifier as a plain column, read-only (the relationship above writes it): a
   * query by {@code a.managedObject.uniqueIdentifier} joins KF_OBJECT, and H2 then read every
   * attribute row and tested it against the identifiers (measured); by this column it reads the
   * KF_ATTRIBUTE_OBJECT index alone. (A long bound {@code IN} list is still tested one value at
   * a time per row by H2: the partition scan asks for a range of identifiers instead.)
   */
  @Column(name = "OBJECT_UID", insertable = false, updatable = false)
  private String objectUid;

  @Column(name = "NAME", length = 255, nullable = false)
  private String name;

  /** The KMIP 1.x Attribute Index; null only in rows from before the column. */
  @Column(name = "ATTRIBUTE_INDEX")
  private Integer attributeIndex;

  @Lob
  @Column(name = "VALUE_TTLV", nullable = false)
  private byte[] valueTtlv;

  @Column(name = "SEARCH_TEXT", length = SEARCH_TEXT_MAX)
  private String searchText;

  @Column(name = "SEARCH_NUMBER")
  private Long searchNumber;

  /** The row's place among its object's attributes (the column an order column wrote before). */
  @Column(name = "POSITION")
  private int position;

  protected StoredAttribute() {}

  StoredAttribute(ManagedObject owner, Attribute a, int index) {
    this.managedObject = owner;
    this.name = a.name();
    this.attributeIndex = index;
    setValue(a.value());
  }

  public String name() {
    return name;
  }

  int position() {
    return position;
  }

  void setPosition(int position) {
    this.position = position;
  }

  /** The Attribute Index; rows from before the index column answer -1 until upgraded. */
  int index() {
    return attributeIndex == null ? -1 : attributeIndex;
  }

  void setIndex(int index) {
    this.attributeIndex = index;
  }

  /** Replaces the value, keeping the instance (and its index). */
  void setValue(Ttlv value) {
    this.valueTtlv = TtlvWriter.encode(value);
    SearchKey k = SearchKey.of(value);
    this.searchText = k.text();
    this.searchNumber = k.number();
  }

  /** Recomputes the search columns (for rows written by an earlier version). */
  void refreshSearchKey() {
    setValue(toAttribute().value());
  }

  public Attribute toAttribute() {
    try {
      return new Attribute(name, new TtlvReader().read(valueTtlv));
    } catch (TtlvException e) {
      throw new IllegalStateException("stored attribute " + name + " of " + managedObject.uniqueIdentifier() + " is corrupt", e);
    }
  }

  public AttributeInstance toInstance() {
    return new AttributeInstance(toAttribute(), Math.max(0, index()));
  }

  /** Text that Locate can compare in SQL: a Name's Name Value, or a Text String value. */
  static String searchTextOf(Ttlv value) {
    return SearchKey.of(value).text();
  }
}
