package io.pulse.stream;

import io.micrometer.core.instrument.MeterRegistry;
import io.pulse.system.BackgroundLoops;
import io.pulse.system.RedisConnections;
import io.pulse.system.RelayRejections;
import io.pulse.window.AggregateKeys;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Opens the pub/sub channels the relays share this instance's Redis, loops and metrics over. */
@Component
class RelayChannels {

  private final RedisConnections redis;
  private final AggregateKeys keys;
  private final StreamProperties properties;
  private final BackgroundLoops loops;
  private final RelayRejections rejections;
  private final MeterRegistry meters;

  RelayChannels(
      RedisConnections redis,
      AggregateKeys keys,
      StreamProperties properties,
      BackgroundLoops loops,
      RelayRejections rejections,
      MeterRegistry meters) {
    this.redis = redis;
    this.keys = keys;
    this.properties = properties;
    this.loops = loops;
    this.rejections = rejections;
    this.meters = meters;
  }

  /**
   * The channel {@code <prefix>:<suffix>} of relay {@code relay}: messages go to {@code deliver},
   * {@code flush} publishes what was collected every {@code pulse.streams.relay-batch}.
   */
  RelayChannel open(
      String relay, String suffix, Consumer<String> deliver, Supplier<Mono<Void>> flush) {
    return new RelayChannel(
        relay,
        keys.prefix() + ":" + suffix,
        redis.relay(),
        deliver,
        flush,
        properties.relayBatch(),
        loops,
        rejections,
        meters);
  }
}
