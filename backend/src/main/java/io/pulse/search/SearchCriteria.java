package io.pulse.search;

import io.pulse.api.Channel;
import io.pulse.api.JourneyStage;
import io.pulse.api.Parameter;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * What to find, already validated: every filter is optional and they all apply together.
 *
 * @param text a search text in Russian or English (web search syntax: words, "a phrase", or, -not)
 * @param parameter with {@code minScore}/{@code maxScore}: the raw answer to it lies in the range
 * @param group promoters, passives or detractors by the RECOMMEND answer (docs/domain.md)
 * @param from events that occurred at or after it
 * @param to events that occurred before it
 * @param commentedOnly whether events without a comment are left out (the search: yes; a dealer's
 *     feedback export: no)
 */
public record SearchCriteria(
    @Nullable String text,
    @Nullable String dealerId,
    @Nullable String brandId,
    @Nullable String regionId,
    @Nullable JourneyStage stage,
    @Nullable Channel channel,
    @Nullable Parameter parameter,
    @Nullable Integer minScore,
    @Nullable Integer maxScore,
    @Nullable NpsGroup group,
    @Nullable Instant from,
    @Nullable Instant to,
    boolean commentedOnly) {

  /** The three groups of NPS by the RECOMMEND answer, as docs/domain.md defines them. */
  public enum NpsGroup {
    PROMOTER(9, 10),
    PASSIVE(7, 8),
    DETRACTOR(0, 6);

    final int min;
    final int max;

    NpsGroup(int min, int max) {
      this.min = min;
      this.max = max;
    }
  }

  /** The order of results. */
  public enum Sort {
    /** Latest occurredAt first. */
    NEWEST,
    /** Best match of the search text first (cover density of the matches), then newest. */
    RELEVANCE
  }
}
