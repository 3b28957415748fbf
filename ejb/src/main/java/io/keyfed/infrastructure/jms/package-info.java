/**
 * JMS: the connection factory and queues (on the ActiveMQ resource adapter, {@code activemq-rar}:
 * its embedded broker by default, a corporate broker by configuration), the publishers, and the
 * message-driven beans, which are thin consumers that unpack and delegate.
 */
package io.keyfed.infrastructure.jms;
