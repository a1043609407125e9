package io.pulse.api;

/** A geographic region, shared by all brands. */
public record Region(String id, String name) {}
