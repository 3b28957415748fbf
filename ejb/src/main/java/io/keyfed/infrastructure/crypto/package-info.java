/** Cryptography through Bouncy Castle: sealing under the master key, key generation, digests. */
package io.keyfed.infrastructure.crypto;
