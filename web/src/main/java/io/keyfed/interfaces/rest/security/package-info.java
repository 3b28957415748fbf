/**
 * Authentication of the admin API (Jakarta Security): a trusted TLS client certificate whose
 * Common Name is configured as an administrator or auditor, or HTTP Basic with a password user.
 * Nothing under {@code /api} is anonymous.
 */
package io.keyfed.interfaces.rest.security;
