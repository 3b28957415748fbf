/**
 * One handler per KMIP operation, each a thin {@code @Stateless} bean: decode the typed payload,
 * act on the domain, encode the response. Each handler's Javadoc names the specification section
 * and the Result Reasons it returns.
 */
package io.keyfed.application.operation;
