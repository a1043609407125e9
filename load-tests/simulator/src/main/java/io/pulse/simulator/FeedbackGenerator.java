package io.pulse.simulator;

import io.pulse.api.Channel;
import io.pulse.api.Dealer;
import io.pulse.api.FeedbackEvent;
import io.pulse.api.JourneyStage;
import io.pulse.api.Parameter;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.random.RandomGenerator;

/**
 * Generates one dealer's feedback events according to its {@link DealerProfile}. Pure: the event
 * depends only on the dealer, the random generator's state and the given time.
 */
public final class FeedbackGenerator {

  /** Longest delay between "now" and a live event's occurredAt. */
  public static final Duration MAX_DELAY = Duration.ofMinutes(4);

  private static final double MEAN_DELAY_SECONDS = 40;
  private static final double ANSWER_PROBABILITY = 0.9;
  private static final double RECOMMEND_ANSWER_PROBABILITY = 0.95;
  private static final double COMMENT_PROBABILITY = 0.3;
  private static final double CUSTOMER_REF_PROBABILITY = 0.85;
  private static final double CHANNEL_PROBABILITY = 0.96;
  // Shared by all answers of one event: a happy customer is happy about everything a bit.
  private static final double MOOD_SD = 0.10;
  private static final double SCALE_NOISE_SD = 0.16;
  private static final double RECOMMEND_NOISE_SD = 0.13;
  private static final double GAMING_PERFECT_IN_BURST = 0.95;
  private static final double GAMING_PERFECT_OTHERWISE = 0.5;
  private static final int GAMING_CUSTOMER_POOL = 3;

  private static final HexFormat HEX = HexFormat.of();

  private final SimulatedNetwork network;
  private final Instant trendStart;
  private final Duration trendSpan;

  /**
   * A generator whose IMPROVING and DECLINING dealers move linearly from their start quality at
   * {@code trendStart} to their end quality at {@code trendStart + trendSpan}, flat outside.
   */
  public FeedbackGenerator(SimulatedNetwork network, Instant trendStart, Duration trendSpan) {
    if (trendSpan.isNegative() || trendSpan.isZero()) {
      throw new IllegalArgumentException("trendSpan must be positive, got " + trendSpan);
    }
    this.network = network;
    this.trendStart = trendStart;
    this.trendSpan = trendSpan;
  }

  /** A generator whose trends run over the 30 days ending at {@code trendEnd}. */
  public static FeedbackGenerator trendingUntil(SimulatedNetwork network, Instant trendEnd) {
    Duration span = Duration.ofDays(30);
    return new FeedbackGenerator(network, trendEnd.minus(span), span);
  }

  /** The network whose dealers this generator serves. */
  public SimulatedNetwork network() {
    return network;
  }

  /** A live event: answered a few seconds to a few minutes before {@code now}. */
  public FeedbackEvent next(Dealer dealer, RandomGenerator rng, Instant now) {
    double delaySeconds =
        Math.min(MAX_DELAY.toSeconds(), 1 + -Math.log(1 - rng.nextDouble()) * MEAN_DELAY_SECONDS);
    return at(dealer, rng, now.minusMillis((long) (delaySeconds * 1000)));
  }

  /** An event answered at {@code occurredAt} (truncated to the second). */
  public FeedbackEvent at(Dealer dealer, RandomGenerator rng, Instant occurredAt) {
    DealerProfile profile = network.profileOf(dealer.id());
    Instant answered = occurredAt.truncatedTo(ChronoUnit.SECONDS);
    OffsetDateTime localTime = answered.atZone(network.zoneOf(dealer)).toOffsetDateTime();
    UUID eventId = randomUuid(rng);
    JourneyStage stage = StageSurvey.pick(rng);

    if (profile.personality() == Personality.GAMING) {
      double perfectShare =
          profile.isBurstingAt(answered) ? GAMING_PERFECT_IN_BURST : GAMING_PERFECT_OTHERWISE;
      if (rng.nextDouble() < perfectShare) {
        return perfectEvent(dealer, rng, eventId, stage, localTime);
      }
    }

    Map<Parameter, Integer> scores = new EnumMap<>(Parameter.class);
    double progress = trendProgress(answered);
    double mood = rng.nextGaussian() * MOOD_SD + Seasonality.qualityShift(answered);
    Set<Parameter> asked = StageSurvey.after(stage).askedParameters();
    for (Parameter parameter : asked) {
      double answerProbability =
          parameter == Parameter.RECOMMEND ? RECOMMEND_ANSWER_PROBABILITY : ANSWER_PROBABILITY;
      if (rng.nextDouble() < answerProbability) {
        scores.put(parameter, answer(profile, parameter, progress, mood, rng));
      }
    }
    if (scores.isEmpty()) {
      List<Parameter> askedList = List.copyOf(asked);
      Parameter parameter = askedList.get(rng.nextInt(askedList.size()));
      scores.put(parameter, answer(profile, parameter, progress, mood, rng));
    }
    String comment = rng.nextDouble() < COMMENT_PROBABILITY ? comment(scores, rng) : null;
    Channel channel = rng.nextDouble() < CHANNEL_PROBABILITY ? ChannelMix.pick(rng) : null;
    String customerRef = rng.nextDouble() < CUSTOMER_REF_PROBABILITY ? randomHash(rng) : null;
    return new FeedbackEvent(
        eventId, dealer.id(), stage, localTime, scores, comment, channel, customerRef);
  }

  /**
   * Where an IMPROVING or DECLINING dealer stands at {@code time}: 0 at the start of the trend, 1
   * at its end.
   */
  public double trendProgress(Instant time) {
    double elapsed = Duration.between(trendStart, time).toMillis();
    return Math.clamp(elapsed / trendSpan.toMillis(), 0.0, 1.0);
  }

  /**
   * The expected answer of this dealer to this parameter on a 0–1 latent scale (0 → lowest answer,
   * 1 → highest), before per-event noise.
   */
  static double expectedQuality(DealerProfile profile, Parameter parameter, double progress) {
    boolean recommend = parameter == Parameter.RECOMMEND;
    double base =
        switch (profile.personality()) {
          case EXCELLENT -> recommend ? 0.97 : 0.92;
          case AVERAGE, LOW_ENGAGEMENT -> recommend ? 0.82 : 0.72;
          case WEAK_ON -> profile.isWeakOn(parameter) ? 0.38 : recommend ? 0.8 : 0.74;
          case IMPROVING -> 0.5 + 0.35 * progress + (recommend ? 0.05 : 0);
          case DECLINING -> 0.85 - 0.35 * progress + (recommend ? 0.05 : 0);
          case GAMING -> recommend ? 0.76 : 0.68;
        };
    return base + profile.qualityOffset();
  }

  private static int answer(
      DealerProfile profile,
      Parameter parameter,
      double progress,
      double mood,
      RandomGenerator rng) {
    double noise =
        rng.nextGaussian()
            * (parameter == Parameter.RECOMMEND ? RECOMMEND_NOISE_SD : SCALE_NOISE_SD);
    double latent = expectedQuality(profile, parameter, progress) + mood + noise;
    int range = parameter.max() - parameter.min();
    long value = parameter.min() + Math.round(latent * range);
    return (int) Math.clamp(value, parameter.min(), parameter.max());
  }

  private FeedbackEvent perfectEvent(
      Dealer dealer,
      RandomGenerator rng,
      UUID eventId,
      JourneyStage stage,
      OffsetDateTime localTime) {
    Map<Parameter, Integer> scores = new EnumMap<>(Parameter.class);
    for (Parameter parameter : StageSurvey.after(stage).askedParameters()) {
      scores.put(parameter, parameter.max());
    }
    // The same few "customers" again and again: friends and staff filling in the survey.
    long customer = rng.nextInt(GAMING_CUSTOMER_POOL);
    String customerRef =
        HEX.toHexDigits(NetworkGenerator.mix(dealer.id().hashCode(), customer))
            + HEX.toHexDigits(NetworkGenerator.mix(network.seed(), customer));
    String comment = rng.nextDouble() < 0.4 ? CommentCatalog.gaming(rng) : null;
    Channel channel = rng.nextBoolean() ? Channel.WEB : Channel.APP;
    return new FeedbackEvent(
        eventId, dealer.id(), stage, localTime, scores, comment, channel, customerRef);
  }

  private static String comment(Map<Parameter, Integer> scores, RandomGenerator rng) {
    double mean = Answers.meanNormalised(scores, 50);
    if (mean >= 75) {
      return CommentCatalog.positive(rng);
    }
    if (mean >= 50) {
      return CommentCatalog.neutral(rng);
    }
    Parameter worst = Parameter.RECOMMEND;
    double worstScore = Double.MAX_VALUE;
    for (Map.Entry<Parameter, Integer> entry : scores.entrySet()) {
      double normalised = entry.getKey().normalise(entry.getValue());
      if (normalised < worstScore) {
        worstScore = normalised;
        worst = entry.getKey();
      }
    }
    return CommentCatalog.negative(worst, rng);
  }

  private static String randomHash(RandomGenerator rng) {
    return HEX.toHexDigits(rng.nextLong()) + HEX.toHexDigits(rng.nextLong());
  }

  /** A version-4 UUID drawn from {@code rng}, so the same seed gives the same ids. */
  static UUID randomUuid(RandomGenerator rng) {
    long most = (rng.nextLong() & ~0xF000L) | 0x4000L;
    long least = (rng.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(most, least);
  }
}
