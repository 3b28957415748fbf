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
@Singleton
public class JmsResources {

  public static final String RESOURCE_ADAPTER = "activemq-rar";
  public static final String CONNECTION_FACTORY = "java:app/jms/keyfed";
  public static final String AUDIT_QUEUE = "java:app/jms/audit";
  public static final String AUDIT_QUEUE_NAME = "keyfed.audit";
}
