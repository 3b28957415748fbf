package io.keyfed.application;

import io.keyfed.kmip.message.RequestBatchItem;
import io.keyfed.kmip.message.ResponseBatchItem;

/**
 * An operation whose answer is a whole response batch item rather than a payload. Poll is one:
 * it answers with the polled operation's Operation, Result Status, Result Reason and payload
 * (KMIP 1.4 §4.28; TC-3.2 "Asynchronous Locate" polls and gets {@code Operation Locate, Success}),
 * or Operation Pending. The batch loop calls {@link #respond}; {@link #handle} is the
 * payload-only view the plain interface requires.
 *
 * <p>Such a handler is a CDI bean rather than an EJB: an EJB's local view proxies only the
 * interface it is looked up by, so the batch loop could not see this one.
 */
public interface BatchItemHandler extends OperationHandler {

  /** The response batch item for this request item; a KmipException for a failure of its own. */
  ResponseBatchItem respond(RequestBatchItem item, RequestContext context);
}
