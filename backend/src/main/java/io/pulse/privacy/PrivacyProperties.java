package io.pulse.privacy;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of personal data.
 *
 * @param commentRetention how long a comment is kept after the answer it came with ({@code
 *     occurredAt}); older comments are erased, the scores stay. {@code 0} keeps comments for ever.
 * @param retentionCheckInterval how often one instance (of all) looks for comments past retention
 * @param retentionBatch comments erased per statement, so that a first pass over years of history
 *     holds no lock for long
 */
@ConfigurationProperties("pulse.privacy")
@Validated
public record PrivacyProperties(
    @NotNull @DefaultValue("730d") Duration commentRetention,
    @NotNull @DefaultValue("1h") Duration retentionCheckInterval,
    @DefaultValue("5000") @Positive int retentionBatch) {

  public PrivacyProperties {
    if (commentRetention.isNegative()) {
      throw new IllegalArgumentException("pulse.privacy.comment-retention must not be negative");
    }
  }

  boolean keepsCommentsForEver() {
    return commentRetention.isZero();
  }
}
