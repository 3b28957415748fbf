package io.keyfed.domain.object;

import io.keyfed.domain.attribute.AttributeRules;
import io.keyfed.domain.object.AttributeException.Action;
import io.keyfed.domain.object.AttributeException.Problem;
import io.keyfed.kmip.attribute.Attribute;
import io.keyfed.kmip.spec.KmipVersion;
import java.util.List;

/**
 * The uniqueness of Names across objects: "Names SHALL be unique within a given key management
 * domain" (KMIP 1.4 §3.2; 2.1 §4.32 "within a given key management server"). Keyfed's domain is
 * the owner: a client's Names are unique among its own objects that are not destroyed (a destroyed
 * object keeps its attributes but no longer holds its Name), and a client never learns from a
 * refusal that another owner uses a Name. A Name Value longer than the SEARCH_TEXT column is not
 * checked.
 *
 * <p>The refusal is Non Unique Name Attribute in 2.x; in 1.x Invalid Field on creation (1.4 §11.2,
 * §11.4) and Illegal Operation on Add or Modify Attribute (1.4 §11.15, §11.16).
 */
public final class ObjectNames {

  private ObjectNames() {}

  /**
   * Refuses Names among {@code attributes} that another object of {@code owner} has.
   *
   * @param self the object receiving the Names, or null for a new object
   */
  public static void requireUnique(ManagedObjectRepository repository, String owner, String self,
      List<Attribute> attributes, Action action, KmipVersion v) {
    AttributeRules rules = AttributeRules.standard();
    for (Attribute a : attributes) {
      String value = ManagedObject.uniqueValue(rules, a);
      if (value != null && repository.nameInUse(owner, value, self)) {
        throw new AttributeException(Problem.NAME_NOT_UNIQUE, action, v,
            a.name() + " '" + value + "' belongs to another object");
      }
    }
  }
}
