package io.pulse.simulator;

/** A geographic region as sent to the network import. */
public record SimRegion(String id, String name) {}
