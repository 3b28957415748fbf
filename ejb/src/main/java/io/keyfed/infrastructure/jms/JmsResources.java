package io.keyfed.infrastructure.jms;

import jakarta.ejb.Singleton;
import jakarta.resource.AdministeredObjectDefinition;
import jakarta.resource.ConnectionFactoryDefinition;
import jakarta.resource.spi.TransactionSupport.TransactionSupportLevel;

/**
 * The application's JMS resources, defined by annotation on the ActiveMQ resource adapter
 * ({@code activemq-rar}, deployed beside the application). Which broker the adapter talks to is
 * the adapter's configuration (ServerUrl), not the application's: {@code vm://localhost} for the
 * embedded broker, {@code tcp://host:61616} for a corporate one.
 */
@ConnectionFactoryDefinition(
    name = JmsResources.CONNECTION_FACTORY,
    interfaceName = "jakarta.jms.ConnectionFactory",
    resourceAdapter = JmsResources.RESOURCE_ADAPTER,
    transactionSupport = TransactionSupportLevel.XATransaction,
    maxPoolSize = 32)
@AdministeredObjectDefinition(
    name = JmsResources.AUDIT_QUEUE,
    interfaceName = "jakarta.jms.Queue",
    className = "org.apache.activemq.command.ActiveMQQueue",
    resourceAdapter = JmsResources.RESOURCE_ADAPTER,
    properties = {"PhysicalName=" + JmsResources.AUDIT_QUEUE_NAME})
@AdministeredObjectDefinition(
    name = JmsResources.OUTBOUND_QUEUE,
    interfaceName = "jakarta.jms.Queue",
    className = "org.apache.activemq.command.ActiveMQQueue",
    resourceAdapter = JmsResources.RESOURCE_ADAPTER,
    properties = {"PhysicalName=" + JmsResources.OUTBOUND_QUEUE_NAME})
@AdministeredObjectDefinition(
    name = JmsResources.INBOUND_QUEUE,
    interfaceName = "jakarta.jms.Queue",
    className = "org.apache.activemq.command.ActiveMQQueue",
    resourceAdapter = JmsResources.RESOURCE_ADAPTER,
    properties = {"PhysicalName=" + JmsResources.INBOUND_QUEUE_NAME})
@Singleton
public class JmsResources {

  public static final String RESOURCE_ADAPTER = "activemq-rar";
  public static final String CONNECTION_FACTORY = "java:app/jms/keyfed";
  public static final String AUDIT_QUEUE = "java:app/jms/audit";
  public static final String AUDIT_QUEUE_NAME = "keyfed.audit";
  /** Signals that a peer has outbox entries to deliver (the outbox itself is in the database). */
  public static final String OUTBOUND_QUEUE = "java:app/jms/outbound";
  public static final String OUTBOUND_QUEUE_NAME = "keyfed.outbound";
  /** Peers' Put and Notify messages waiting to be applied. */
  public static final String INBOUND_QUEUE = "java:app/jms/inbound";
  public static final String INBOUND_QUEUE_NAME = "keyfed.inbound";
}
