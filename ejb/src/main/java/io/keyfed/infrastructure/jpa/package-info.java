/** JPA (EclipseLink) implementations of the domain repositories. */
package io.keyfed.infrastructure.jpa;
