/** Who is asking: identities of KMIP clients and peer servers, taken from their certificates. */
package io.keyfed.domain.identity;
