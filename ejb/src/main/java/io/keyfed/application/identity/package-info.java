/**
 * Identities and grants: recording the KMIP clients seen, their roles, the grants that open
 * objects to other identities, and the admin use cases that change them.
 */
package io.keyfed.application.identity;
