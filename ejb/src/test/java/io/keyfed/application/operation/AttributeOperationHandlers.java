package io.keyfed.application.operation;

import io.keyfed.application.InMemoryRepository;
import io.keyfed.application.ObjectSealer;
import io.keyfed.application.OperationHandler;
import io.keyfed.application.RequestContext;
import io.keyfed.application.ResultReasons;
import io.keyfed.kmip.message.KmipException;
import io.keyfed.kmip.spec.Operation;
import io.keyfed.kmip.spec.ResultReason;
import io.keyfed.kmip.ttlv.Ttlv;
import java.util.EnumMap;
import java.util.Map;

/**
 * The object handlers wired to an {@link InMemoryRepository} and a sealer that stores content as
 * it is, with the batch loop's turning of a {@link KmipException} into the version's Result Reason.
 */
final class AttributeOperationHandlers {

  /** One batch item's outcome: the response payload, or the Result Reason. */
  record Outcome(Ttlv payload, ResultReason reason, String message) {
    boolean succeeded() {
      return reason == null;
    }
  }

  final InMemoryRepository repository = new InMemoryRepository();
  private final Map<Operation, OperationHandler> table = new EnumMap<>(Operation.class);

  AttributeOperationHandlers() {
    ObjectSealer plain = new io.keyfed.application.CopyingSealer();
    CreateHandler create = new CreateHandler();
    create.repository = repository;
    create.sealer = plain;
    RegisterHandler register = new RegisterHandler();
    register.repository = repository;
    register.sealer = plain;
    GetHandler get = new GetHandler();
    get.repository = repository;
    get.sealer = plain;
    GetAttributesHandler getAttributes = new GetAttributesHandler();
    getAttributes.repository = repository;
    GetAttributeListHandler getAttributeList = new GetAttributeListHandler();
    getAttributeList.repository = repository;
    LocateHandler locate = new LocateHandler();
    locate.repository = repository;
    ActivateHandler activate = new ActivateHandler();
    activate.repository = repository;
    RevokeHandler revoke = new RevokeHandler();
    revoke.repository = repository;
    DestroyHandler destroy = new DestroyHandler();
    destroy.repository = repository;
    AddAttributeHandler add = new AddAttributeHandler();
    add.repository = repository;
    SetAttributeHandler set = new SetAttributeHandler();
    set.repository = repository;
    ModifyAttributeHandler modify = new ModifyAttributeHandler();
    modify.repository = repository;
    AdjustAttributeHandler adjust = new AdjustAttributeHandler();
    adjust.repository = repository;
    DeleteAttributeHandler delete = new DeleteAttributeHandler();
    delete.repository = repository;
    for (OperationHandler h : new OperationHandler[] {create, register, get, getAttributes, getAttributeList, locate,
        activate, revoke, destroy, add, set, modify, adjust, delete}) {
      table.put(h.operation(), h);
    }
  }

  boolean supports(Operation op) {
    return table.containsKey(op);
  }

  /** Runs one batch item as the batch loop does, minus transactions. */
  Outcome run(Operation op, Ttlv payload, RequestContext ctx) {
    OperationHandler h = table.get(op);
    if (h == null) {
      throw new IllegalArgumentException("no handler for " + op);
    }
    if (op.since() != null && !ctx.version().atLeast(op.since())) {
      return new Outcome(null, ResultReason.OPERATION_NOT_SUPPORTED, op.specName() + " is not in " + ctx.version().label());
    }
    try {
      return new Outcome(h.handle(payload, ctx), null, null);
    } catch (KmipException e) {
      return new Outcome(null, ResultReasons.forVersion(e.resultReason(), ctx.version()), e.getMessage());
    }
  }
}
