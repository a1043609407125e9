package io.pulse.stream;

/** A value of a shared stream with its position in that stream (1, 2, 3, …). */
record Versioned<T>(long version, T value) {}
