package io.pulse.network;

/** A geographic region, shared by all brands. */
public record Region(String id, String name) {}
