/** The server's configuration, read through MicroProfile Config (properties, environment, system properties). */
package io.keyfed.infrastructure.config;
