package io.pulse.index;

import io.pulse.api.Parameter;
import org.jspecify.annotations.Nullable;

/**
 * One parameter's figures in a window.
 *
 * @param answers how many answers rated it (n_p)
 * @param mean mean normalised score 0–100 (s_p), null without answers
 * @param sd sample standard deviation of the normalised scores, null below two answers
 */
public record ParameterScore(
    Parameter parameter, long answers, @Nullable Double mean, @Nullable Double sd) {}
