package io.keyfed.application.operation;

import io.keyfed.application.ObjectAccess;
import io.keyfed.application.OperationHandler;
import io.keyfed.application.RequestContext;
import io.keyfed.domain.object.ManagedObject;
import io.keyfed.domain.object.ManagedObjectRepository;
import io.keyfed.kmip.message.KmipException;
import io.keyfed.kmip.payload.ObtainLeaseResponse;
import io.keyfed.kmip.payload.UniqueIdentifierRequest;
import io.keyfed.kmip.spec.ObjectType;
import io.keyfed.kmip.spec.Operation;
import io.keyfed.kmip.spec.ResultReason;
import io.keyfed.kmip.spec.State;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.ttlv.Ttlv;
import jakarta.ejb.Local;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.EnumSet;
import java.util.Set;

/**
 * Obtain Lease (KMIP 1.4 §4.14, 2.1 §6.1.33): a lease to use a Managed Cryptographic Object for
 * its Lease Time (the object's attribute, else one hour: {@link Leases}), with the object's Last
 * Change Date so that the client knows when to read its attributes again. Only Active objects get
 * a lease: a lease is a permission to use, and a Pre-Active object "SHALL NOT be used for any
 * cryptographic purpose"; the 1.0–1.2 test case TC-95 leases an Active key and refuses a
 * Compromised one ("CO is in state Compromised, no lease given").
 *
 * <p>Result Reasons: Wrong Key Lifecycle State (Permission Denied for 1.x), Object Destroyed (Item
 * Not Found for 1.x), Illegal Operation (an Opaque Object or Template, which are not
 * cryptographic objects), Object Not Found (Item Not Found in 1.x), Permission Denied, Object Archived.
 */
@Stateless
@Local(OperationHandler.class)
public class ObtainLeaseHandler implements OperationHandler {

  private static final Set<ObjectType> CRYPTOGRAPHIC = EnumSet.of(ObjectType.CERTIFICATE, ObjectType.SYMMETRIC_KEY,
      ObjectType.PUBLIC_KEY, ObjectType.PRIVATE_KEY, ObjectType.SPLIT_KEY, ObjectType.SECRET_DATA, ObjectType.PGP_KEY);

  @Inject
  ManagedObjectRepository repository;

  @Override
  public Operation operation() {
    return Operation.OBTAIN_LEASE;
  }

  @Override
  public Ttlv handle(Ttlv requestPayload, RequestContext ctx) {
    UniqueIdentifierRequest req = UniqueIdentifierRequest.decode(requestPayload);
    ManagedObject o = ObjectAccess.requireOnline(repository, req.uniqueIdentifier(), ctx);
    if (!CRYPTOGRAPHIC.contains(o.objectType())) {
      throw KmipException.illegalOperation("a " + o.objectType().specName() + " is not a cryptographic object to lease");
    }
    o.advanceClock(ctx.now());
    if (o.isDestroyed()) {
      throw new KmipException(ResultReason.OBJECT_DESTROYED, "object " + o.uniqueIdentifier() + " is " + o.state().specName());
    }
    if (o.state() != State.ACTIVE) {
      throw new KmipException(ResultReason.WRONG_KEY_LIFECYCLE_STATE,
          "object " + o.uniqueIdentifier() + " is " + o.state().specName() + ", no lease given");
    }
    ctx.setIdPlaceholder(o.uniqueIdentifier());
    return new ObtainLeaseResponse(o.uniqueIdentifier(), Leases.leaseFor(o),
        o.attribute(Tag.LAST_CHANGE_DATE).asInstant()).encode();
  }
}
