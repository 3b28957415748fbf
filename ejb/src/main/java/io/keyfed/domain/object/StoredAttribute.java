package io.keyfed.domain.object;

import io.keyfed.kmip.attribute.Attribute;
import io.keyfed.kmip.spec.Tag;
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
 * One attribute value of a managed object, persisted as its TTLV encoding (so every attribute of
 * every version round-trips exactly) plus a searchable text form for the attributes that Locate
 * filters on in the database (Name, Object Group, custom text attributes).
 */
@Entity
@Table(name = "KF_ATTRIBUTE", indexes = {
    @Index(name = "KF_ATTRIBUTE_SEARCH", columnList = "NAME,SEARCH_TEXT"),
    @Index(name = "KF_ATTRIBUTE_OBJECT", columnList = "OBJECT_UID")})
public class StoredAttribute {

  /** Longest text kept for searching; longer values are matched in memory. */
  static final int SEARCH_TEXT_MAX = 512;

  @Id
  @SequenceGenerator(name = "KF_ATTRIBUTE_SEQ", sequenceName = "KF_ATTRIBUTE_SEQ", allocationSize = 50)
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "KF_ATTRIBUTE_SEQ")
  private Long id;

  @ManyToOne(optional = false)
  @JoinColumn(name = "OBJECT_UID", nullable = false)
  private ManagedObject managedObject;

  @Column(name = "NAME", length = 255, nullable = false)
  private String name;

  @Lob
  @Column(name = "VALUE_TTLV", nullable = false)
  private byte[] valueTtlv;

  @Column(name = "SEARCH_TEXT", length = SEARCH_TEXT_MAX)
  private String searchText;

  protected StoredAttribute() {}

  StoredAttribute(ManagedObject owner, Attribute a) {
    this.managedObject = owner;
    this.name = a.name();
    this.valueTtlv = TtlvWriter.encode(a.value());
    this.searchText = searchTextOf(a.value());
  }

  public String name() {
    return name;
  }

  public Attribute toAttribute() {
    try {
      return new Attribute(name, new TtlvReader().read(valueTtlv));
    } catch (TtlvException e) {
      throw new IllegalStateException("stored attribute " + name + " of " + managedObject.uniqueIdentifier() + " is corrupt", e);
    }
  }

  /** Text that Locate can compare in SQL: a Name's Name Value, or a Text String value. */
  static String searchTextOf(Ttlv value) {
    String s = null;
    if (value.is(Tag.NAME) && value.isStructure()) {
      Ttlv nv = value.child(Tag.NAME_VALUE);
      s = nv == null ? null : nv.asText();
    } else if (value.type() == io.keyfed.kmip.spec.ItemType.TEXT_STRING) {
      s = value.asText();
    }
    return s == null || s.length() > SEARCH_TEXT_MAX ? null : s;
  }
}
