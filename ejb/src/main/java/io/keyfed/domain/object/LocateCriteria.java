package io.keyfed.domain.object;

import io.keyfed.kmip.attribute.Attribute;
import io.keyfed.kmip.spec.ObjectType;
import io.keyfed.kmip.spec.State;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.ttlv.Ttlv;
import java.util.ArrayList;
import java.util.List;

/**
 * What Locate looks for (KMIP 1.4 §4.9): the attributes every result must have, split into the
 * ones the database can match (owner, Object Type, State, Name, Object Group) and the rest, which
 * are matched on the loaded object. All criteria must hold (KMIP: a located object matches every
 * attribute given).
 *
 * @param owner only objects of this owner (null: any — for server-internal callers)
 * @param offsetItems results to skip (Offset Items)
 * @param maximumItems largest page (Maximum Items), null for all
 */
public record LocateCriteria(
    String owner,
    ObjectType objectType,
    State state,
    List<String> names,
    List<String> objectGroups,
    List<Attribute> otherAttributes,
    int offsetItems,
    Integer maximumItems) {

  /** Splits the client's Locate attributes into the database criteria and the rest. */
  public static LocateCriteria of(String owner, List<Attribute> attributes, Integer offsetItems, Integer maximumItems) {
    ObjectType type = null;
    State state = null;
    List<String> names = new ArrayList<>();
    List<String> groups = new ArrayList<>();
    List<Attribute> other = new ArrayList<>();
    for (Attribute a : attributes) {
      Ttlv v = a.value();
      if (a.is(Tag.OBJECT_TYPE) && type == null) {
        type = ObjectType.fromValue(v.asInt());
      } else if (a.is(Tag.STATE) && state == null) {
        state = State.fromValue(v.asInt());
      } else if (a.is(Tag.NAME) && StoredAttribute.searchTextOf(v) != null) {
        names.add(StoredAttribute.searchTextOf(v));
      } else if (a.is(Tag.OBJECT_GROUP) && StoredAttribute.searchTextOf(v) != null) {
        groups.add(v.asText());
      } else {
        other.add(a);
      }
    }
    return new LocateCriteria(owner, type, state, names, groups, other,
        offsetItems == null ? 0 : Math.max(0, offsetItems), maximumItems);
  }

  /** Whether a loaded object has every attribute in {@link #otherAttributes()}. */
  public boolean matchesOthers(ManagedObject o) {
    for (Attribute wanted : otherAttributes) {
      boolean found = false;
      for (Attribute have : o.attributes(wanted.name())) {
        if (have.value().equals(wanted.value())) {
          found = true;
          break;
        }
      }
      if (!found) {
        return false;
      }
    }
    return true;
  }
}
