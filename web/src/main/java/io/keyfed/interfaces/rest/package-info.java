/**
 * The admin REST API under {@code /api} (JSON; errors as RFC 9457 problem bodies), for
 * authenticated administrators and auditors only.
 */
package io.keyfed.interfaces.rest;
