package io.keyfed.domain.object;

import io.keyfed.kmip.message.KmipException;
import io.keyfed.kmip.spec.ResultReason;
import io.keyfed.kmip.spec.State;

/**
 * An operation that the object's current State does not allow. KMIP 2.x names this Wrong Key
 * Lifecycle State; the response layer maps it to Permission Denied for 1.x clients, whose
 * specification has no such reason.
 */
public class LifecycleException extends KmipException {

  public LifecycleException(String operation, State state) {
    super(ResultReason.WRONG_KEY_LIFECYCLE_STATE, operation + " is not allowed on an object in state " + state.specName());
  }
}
