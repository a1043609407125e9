package io.pulse.api;

/** A carmaker's brand. */
public record Brand(String id, String name) {}
