/** The federation's network adapter: KMIP over mutual TLS to peer servers. */
package io.keyfed.infrastructure.federation;
