/** MicroProfile Health checks: {@code /health/ready} and {@code /health/live} on the HTTPS port. */
package io.keyfed.interfaces.health;
