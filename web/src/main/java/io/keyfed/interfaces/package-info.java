/**
 * The ways in: KMIP over TLS and over HTTPS, the admin REST API, health. Adapters only: bytes to
 * the application's endpoint and back, JSON to application calls and back.
 */
package io.keyfed.interfaces;
