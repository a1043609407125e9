package io.pulse.simulator;

/** A carmaker's brand as sent to the network import. */
public record SimBrand(String id, String name) {}
