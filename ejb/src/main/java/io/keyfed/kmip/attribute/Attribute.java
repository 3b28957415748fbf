package io.keyfed.kmip.attribute;

import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.ttlv.Ttlv;
import java.util.Objects;

/**
 * One attribute value, version-neutral.
 *
 * <p>{@code name} is the KMIP 1.x Attribute Name: the specification's words for a standard
 * attribute ("Cryptographic Algorithm"), or a custom name ("x-ID", "y-origin"). For a standard
 * attribute, {@code value} is tagged with the attribute's own tag, as in a KMIP 2.x Attributes
 * structure; for a custom one it is tagged Attribute Value. A multi-valued attribute is several
 * Attribute objects with the same name; their order is their Attribute Index.
 */
public record Attribute(String name, Ttlv value) {

  public Attribute {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
  }

  /** A standard attribute from its tag and value (retagged to the attribute's tag). */
  public static Attribute of(Tag tag, Ttlv value) {
    return new Attribute(tag.specName(), value.retag(tag));
  }

  /** The standard attribute's tag, or null for a custom attribute. */
  public Tag tag() {
    return isCustom() ? null : Tag.fromSpecName(name);
  }

  /** Custom attributes: 1.x "x-"/"y-" names, 2.x Vendor Attributes. */
  public boolean isCustom() {
    return value.is(Tag.ATTRIBUTE_VALUE);
  }

  public boolean is(Tag tag) {
    return value.tag() == tag.value() && !isCustom();
  }

  /**
   * The 2.x Vendor Identification of a custom attribute: the text before the first '-' ("x" for
   * "x-ID"), as the 2.x test cases map 1.x custom attributes.
   */
  public String vendorIdentification() {
    int dash = name.indexOf('-');
    return dash > 0 ? name.substring(0, dash) : "x";
  }

  /** The 2.x Attribute Name of a custom attribute: the text after the vendor prefix. */
  public String vendorAttributeName() {
    int dash = name.indexOf('-');
    return dash > 0 ? name.substring(dash + 1) : name;
  }

  public static String customName(String vendorIdentification, String attributeName) {
    return vendorIdentification + "-" + attributeName;
  }
}
