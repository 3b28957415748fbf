package io.keyfed.application;

import io.keyfed.kmip.spec.Operation;
import io.keyfed.kmip.ttlv.Ttlv;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

/**
 * The operation table: one handler per Operation, built once from every {@link OperationHandler}
 * bean. An operation without an entry is answered Operation Not Supported by the batch loop.
 */
@ApplicationScoped
public class OperationDispatcher {

  @Inject
  @Any
  Instance<OperationHandler> handlers;

  /** Null in plain unit tests: no templates there. */
  @Inject
  TemplateResolver templates;

  /** Null in plain unit tests; its forwarders replace the handlers of the operations a gateway forwards. */
  @Inject
  io.keyfed.application.federation.Gateway gateway;

  private Map<Operation, OperationHandler> table;

  @PostConstruct
  void build() {
    build(handlers);
    if (gateway != null && !gateway.forwarders().isEmpty()) {
      // A gateway forwards these operations instead of running them (use case 5).
      Map<Operation, OperationHandler> t = new EnumMap<>(table);
      t.putAll(gateway.forwarders());
      table = Collections.unmodifiableMap(t);
    }
  }

  /** A dispatcher over these handlers, without a container (plain unit tests). */
  static OperationDispatcher of(Iterable<? extends OperationHandler> handlers) {
    OperationDispatcher d = new OperationDispatcher();
    d.build(handlers);
    return d;
  }

  private void build(Iterable<? extends OperationHandler> handlers) {
    Map<Operation, OperationHandler> t = new EnumMap<>(Operation.class);
    for (OperationHandler h : handlers) {
      OperationHandler previous = t.put(h.operation(), h);
      if (previous != null) {
        throw new IllegalStateException("two handlers for " + h.operation());
      }
    }
    table = Collections.unmodifiableMap(t);
  }

  /** The handler, or null when the operation is not supported. */
  public OperationHandler handlerFor(Operation op) {
    return op == null ? null : table.get(op);
  }

  /** The request payload as handlers take it: KMIP 1.x template references resolved ({@link TemplateResolver}). */
  public Ttlv prepare(Ttlv requestPayload, RequestContext ctx) {
    return templates == null ? requestPayload : templates.resolve(requestPayload, ctx);
  }

  public Set<Operation> supportedOperations() {
    return table.keySet();
  }
}
