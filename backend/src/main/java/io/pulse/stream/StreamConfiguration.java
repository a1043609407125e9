package io.pulse.stream;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.core.scheduler.Schedulers;

/** The streams' shared parts on the application's scheduler and the monotonic clock. */
@Configuration(proxyBeanMethods = false)
class StreamConfiguration {

  @Bean
  StreamConnections streamConnections(
      RelayWatchdog watchdog,
      StreamFrames frames,
      StreamProperties properties,
      MeterRegistry meters) {
    return new StreamConnections(
        watchdog.statuses(), frames, properties, meters, Schedulers.parallel(), System::nanoTime);
  }
}
