package io.keyfed.kmip.spec;

/**
 * One value of a KMIP enumeration or mask, as generated from {@code src/main/spec}. Implemented by
 * every generated enumeration, by {@link ItemType} and by {@link Tag} (KMIP 2.x uses both as
 * enumerations: Extension Type carries an Item Type, Attribute Reference a Tag).
 */
public interface KmipEnum {

  /** The value on the wire (for a mask: its bit). */
  int value();

  /** The name in the KMIP XML and JSON encodings, as the OASIS test cases write it. */
  String xmlName();

  /** The specification's own words for the value. */
  String specName();

  /** The first protocol version defining the value. */
  KmipVersion since();

  /** The first version in which the value is reserved again, or null. */
  default KmipVersion removedIn() {
    return null;
  }

  /** The version that declared the value deprecated, or null. */
  default KmipVersion deprecatedIn() {
    return null;
  }

  /** True when version {@code v} defines the value. */
  default boolean definedIn(KmipVersion v) {
    return v.atLeast(since()) && (removedIn() == null || !v.atLeast(removedIn()));
  }
}
