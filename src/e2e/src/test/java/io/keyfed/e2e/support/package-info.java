/** Harnesses for the end-to-end tests: Keyfed servers as processes, PyKMIP, free ports. */
package io.keyfed.e2e.support;
