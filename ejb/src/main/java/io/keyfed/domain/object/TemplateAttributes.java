package io.keyfed.domain.object;

import io.keyfed.kmip.attribute.Attribute;
import io.keyfed.kmip.spec.Tag;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * How attributes given in a request combine with others: a Private or Public Key Template-Attribute
 * (Attributes in 2.x) over the Common one in Create Key Pair and Re-key Key Pair, and a Re-key
 * request's attributes over those copied from the existing key. KMIP 1.4 §4.2: "For
 * multi-instance attributes, the union of the values found in the templates and attributes of
 * the Common, Private, and Public Key Template-Attribute SHALL be used. For single-instance
 * attributes, the order of precedence is as follows: attributes specified explicitly in the
 * Private and Public Key Template-Attribute, then ... the Common Template-Attribute". Re-key
 * (OASIS TC-REKEY-1-14) adds a requested Name to the copied ones.
 */
public final class TemplateAttributes {

  /**
   * The standard attributes that may have several instances in KMIP 1.0–2.1 (KMIP 1.4 §3, "Multiple
   * instances permitted"; 2.1 §4). Custom attributes may always have several.
   */
  static final Set<Tag> MULTI_VALUED = Set.of(
      Tag.NAME, Tag.OBJECT_GROUP, Tag.LINK, Tag.APPLICATION_SPECIFIC_INFORMATION, Tag.CRYPTOGRAPHIC_PARAMETERS,
      Tag.ALTERNATIVE_NAME, Tag.KEY_VALUE_LOCATION, Tag.CERTIFICATE_IDENTIFIER, Tag.CERTIFICATE_SUBJECT,
      Tag.CERTIFICATE_ISSUER, Tag.DIGEST);

  private TemplateAttributes() {}

  public static boolean isMultiValued(Attribute a) {
    return a.isCustom() || (a.tag() != null && MULTI_VALUED.contains(a.tag()));
  }

  /**
   * {@code base} with {@code over} applied: each multi-valued attribute of {@code over} is added
   * (unless {@code base} has the same value already), each single-valued one replaces the values
   * of {@code base} with its name.
   */
  public static List<Attribute> overlay(List<Attribute> base, List<Attribute> over) {
    List<Attribute> out = new ArrayList<>(base);
    for (Attribute a : over) {
      if (isMultiValued(a)) {
        if (!out.contains(a)) {
          out.add(a);
        }
        continue;
      }
      int at = -1;
      for (int i = out.size() - 1; i >= 0; i--) {
        if (out.get(i).name().equals(a.name())) {
          out.remove(i);
          at = i;
        }
      }
      if (at >= 0) {
        out.add(at, a);
      } else {
        out.add(a);
      }
    }
    return out;
  }
}
