package io.keyfed.infrastructure.jms;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;

/** The inbound changes of lane 2: one session, so in the order they arrived (see {@link InboundConsumer}). */
@MessageDriven(activationConfig = {
    @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
    @ActivationConfigProperty(propertyName = "destination", propertyValue = JmsResources.INBOUND_QUEUE_NAME),
    @ActivationConfigProperty(propertyName = "resourceAdapter", propertyValue = JmsResources.RESOURCE_ADAPTER),
    @ActivationConfigProperty(propertyName = "messageSelector", propertyValue = InboundConsumer.LANE_2),
    @ActivationConfigProperty(propertyName = "maxSessions", propertyValue = "1")})
public class InboundLane2 extends InboundConsumer {}
