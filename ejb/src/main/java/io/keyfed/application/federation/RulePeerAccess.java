package io.keyfed.application.federation;

import io.keyfed.application.ObjectAccess;
import io.keyfed.domain.federation.PropagationRule;
import io.keyfed.domain.object.ManagedObject;
import io.keyfed.kmip.attribute.Attribute;
import io.keyfed.kmip.spec.NameType;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.ttlv.Ttlv;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;

/**
 * A peer may reach an object when an active rule of this server sends that object to it; its
 * Locate searches the same objects (each rule's selector as Locate attributes).
 */
@ApplicationScoped
public class RulePeerAccess implements ObjectAccess.PeerAccess {

  @Inject
  RuleCache rules;

  @Override
  public boolean allowed(String peerName, ManagedObject object) {
    for (PropagationRule r : rules.active()) {
      if (r.target().name().equals(peerName) && r.selects(object)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public List<List<Attribute>> locateScopes(String peerName) {
    List<List<Attribute>> out = new ArrayList<>();
    for (PropagationRule r : rules.active()) {
      if (r.target().name().equals(peerName)) {
        out.add(locateAttributes(r.selector()));
      }
    }
    return out;
  }

  /** A rule's selector as the attributes of a Locate that finds what it selects. */
  static List<Attribute> locateAttributes(PropagationRule.Selector s) {
    List<Attribute> out = new ArrayList<>();
    if (s.objectGroup() != null) {
      out.add(Attribute.of(Tag.OBJECT_GROUP, Ttlv.text(Tag.OBJECT_GROUP, s.objectGroup())));
    }
    if (s.namePattern() != null && !s.namePattern().equals("*")) {
      out.add(Attribute.of(Tag.NAME, Ttlv.structure(Tag.NAME, Ttlv.text(Tag.NAME_VALUE, s.namePattern()),
          Ttlv.enumeration(Tag.NAME_TYPE, NameType.UNINTERPRETED_TEXT_STRING))));
    }
    if (s.objectType() != null) {
      out.add(Attribute.of(Tag.OBJECT_TYPE, Ttlv.enumeration(Tag.OBJECT_TYPE, s.objectType())));
    }
    if (s.attributeName() != null) {
      out.add(new Attribute(s.attributeName(), Ttlv.text(Tag.ATTRIBUTE_VALUE, s.attributeValue())));
    }
    return out;
  }
}
