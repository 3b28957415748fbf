/**
 * KMIP transports: the TLS listener on port 5696 (KMIP Authentication Suites profile: TLS 1.2/1.3,
 * client certificate required) and {@code POST /kmip} over HTTPS. Both only move bytes to
 * {@link io.keyfed.application.KmipEndpoint} and back.
 */
package io.keyfed.interfaces.kmip;
