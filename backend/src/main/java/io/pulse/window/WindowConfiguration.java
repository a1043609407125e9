package io.pulse.window;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the window layout and key names from {@link WindowProperties}. */
@Configuration(proxyBeanMethods = false)
class WindowConfiguration {

  @Bean
  WindowLayout windowLayout(WindowProperties properties) {
    return WindowLayout.of(properties.lengths());
  }

  @Bean
  AggregateKeys aggregateKeys(WindowProperties properties) {
    return new AggregateKeys(properties.keyPrefix(), properties.scheduleShards());
  }
}
