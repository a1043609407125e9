package io.pulse.ui.backend;

import java.time.Instant;

/** The data of one index stream event: a full set of figures (snapshot or update). */
public record IndexMessage(long version, Instant sentAt, IndexFigures index) {}
