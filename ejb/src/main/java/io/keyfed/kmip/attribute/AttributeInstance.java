package io.keyfed.kmip.attribute;

import java.util.Objects;

/**
 * One instance of an attribute with its KMIP 1.x Attribute Index (1.4 §2.1.1): indices start at 0,
 * a single-instance attribute has index 0, and an instance keeps its index when other instances of
 * the same attribute are added or deleted. KMIP 2.x has no indices; its clients never see them.
 */
public record AttributeInstance(Attribute attribute, int index) {

  public AttributeInstance {
    Objects.requireNonNull(attribute, "attribute");
    if (index < 0) {
      throw new IllegalArgumentException("Attribute Index " + index + " is negative");
    }
  }

  public String name() {
    return attribute.name();
  }
}
