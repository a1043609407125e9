package io.pulse.ui.backend;

import io.pulse.api.IndexView;
import org.jspecify.annotations.Nullable;

/**
 * What a viewer of one index stream knows: the newest figures (null until the first arrive) and the
 * state of the connection they came over.
 */
public record LiveIndex(@Nullable IndexView figures, Connection connection) {}
