package io.pulse.stream;

/**
 * A value of a shared stream with its position in that stream (1, 2, 3, …).
 *
 * @param resync the value was read because the live path recovered: clients show it as a fresh
 *     snapshot, since changes may have been missed before it
 */
record Versioned<T>(long version, T value, boolean resync) {}
