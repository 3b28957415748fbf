package io.keyfed.application;

import io.keyfed.kmip.spec.Operation;
import io.keyfed.kmip.ttlv.Ttlv;

/**
 * One KMIP operation. Implementations are thin {@code @Stateless} beans, one per operation; the
 * dispatcher finds them by {@link #operation()}. A handler decodes its typed request payload,
 * does the work on the domain, and returns its encoded response payload; failures are
 * {@link io.keyfed.kmip.message.KmipException}s carrying the Result Reason.
 */
public interface OperationHandler {

  Operation operation();

  /**
   * @param requestPayload the batch item's Request Payload, possibly null
   * @return the Response Payload, or null for operations that have none
   */
  Ttlv handle(Ttlv requestPayload, RequestContext context);
}
