package io.keyfed.application.federation;

import io.keyfed.application.OperationHandler;
import io.keyfed.application.RequestContext;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.InvocationContext;

/**
 * Bound to every enterprise bean by ejb-jar.xml (a default interceptor), it acts only around an
 * operation handler's {@code handle}: when the handler returns, still inside its transaction, the
 * federation engine sees what changed. Handlers need not know that federation exists.
 */
public class FederationInterceptor {

  @Inject
  FederationEngine engine;

  @Inject
  ChangeTracker tracker;

  @AroundInvoke
  public Object afterOperation(InvocationContext ic) throws Exception {
    if (!(ic.getTarget() instanceof OperationHandler handler) || !"handle".equals(ic.getMethod().getName())) {
      return ic.proceed();
    }
    Object result = ic.proceed();
    try {
      Object[] args = ic.getParameters();
      engine.afterOperation(handler.operation(), args.length > 1 && args[1] instanceof RequestContext c ? c : null);
    } finally {
      // The next operation of the same transaction (a batch under Undo) starts from what is now.
      tracker.clear();
    }
    return result;
  }
}
