/** Adapters to the outside: configuration, JPA persistence, cryptography (Bouncy Castle), PKI, JMS. */
package io.keyfed.infrastructure;
