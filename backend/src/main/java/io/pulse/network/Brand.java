package io.pulse.network;

/** A carmaker's brand. */
public record Brand(String id, String name) {}
