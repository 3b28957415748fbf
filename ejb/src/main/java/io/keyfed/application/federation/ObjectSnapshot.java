package io.keyfed.application.federation;

import io.keyfed.domain.object.ManagedObject;
import io.keyfed.kmip.attribute.Attribute;
import io.keyfed.kmip.spec.State;
import io.keyfed.kmip.ttlv.TtlvWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An object as it was when an operation first loaded it: its State, its sealed content's key and
 * length, and each attribute's values in encoded form. Comparing it with the object after the
 * operation tells what the operation changed, whatever handler made the change.
 */
record ObjectSnapshot(State state, boolean hasContent, int contentHash, Map<String, List<byte[]>> attributes) {

  static ObjectSnapshot of(ManagedObject o) {
    Map<String, List<byte[]>> attrs = new LinkedHashMap<>();
    for (Attribute a : o.attributes()) {
      attrs.computeIfAbsent(a.name(), k -> new ArrayList<>()).add(TtlvWriter.encode(a.value()));
    }
    boolean content = !o.isDestroyed();
    return new ObjectSnapshot(o.state(), content, content ? o.sealKeyId() == null ? 0 : Objects.hashCode(o.sealKeyId()) : 0, attrs);
  }

  /** The attribute names whose values differ between this snapshot and {@code after}. */
  List<String> changedNames(ObjectSnapshot after) {
    List<String> out = new ArrayList<>();
    for (Map.Entry<String, List<byte[]>> e : after.attributes.entrySet()) {
      if (!same(attributes.get(e.getKey()), e.getValue())) {
        out.add(e.getKey());
      }
    }
    return out;
  }

  /** The attribute names this snapshot has and {@code after} has not. */
  List<String> deletedNames(ObjectSnapshot after) {
    List<String> out = new ArrayList<>();
    for (String n : attributes.keySet()) {
      if (!after.attributes.containsKey(n)) {
        out.add(n);
      }
    }
    return out;
  }

  /** For each of these names, how many instances this snapshot has of it. */
  Map<String, Integer> instanceCounts(List<String> names) {
    Map<String, Integer> out = new LinkedHashMap<>();
    for (String n : names) {
      List<byte[]> values = attributes.get(n);
      out.put(n, values == null ? 0 : values.size());
    }
    return out;
  }

  private static boolean same(List<byte[]> a, List<byte[]> b) {
    if (a == null || b == null || a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      if (!Arrays.equals(a.get(i), b.get(i))) {
        return false;
      }
    }
    return true;
  }
}
