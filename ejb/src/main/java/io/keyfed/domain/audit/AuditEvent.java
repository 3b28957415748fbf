package io.keyfed.domain.audit;

import java.io.Serializable;
import java.time.Instant;

/**
 * One audited action, as it travels from the request loop to the audit store. Never carries key
 * material: only identifiers, names and results.
 *
 * @param actor the client identity name
 * @param channel how the client came in (tls, https, admin)
 * @param action the KMIP operation or admin action
 * @param uniqueIdentifier the object acted on, if any
 * @param result Success, Operation Failed, ...
 * @param reason the Result Reason on failure
 */
public record AuditEvent(Instant at, String actor, String channel, String action, String uniqueIdentifier,
    String result, String reason) implements Serializable {}
