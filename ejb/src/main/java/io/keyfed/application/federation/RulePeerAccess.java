package io.keyfed.application.federation;

import io.keyfed.application.ObjectAccess;
import io.keyfed.domain.federation.PropagationRule;
import io.keyfed.domain.object.ManagedObject;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** A peer may reach an object when an active rule of this server sends that object to it. */
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
}
