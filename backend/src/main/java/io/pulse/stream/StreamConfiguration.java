package io.pulse.stream;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.listener.ReactiveRedisMessageListenerContainer;

/** The Redis subscription shared by the stream relays of this instance. */
@Configuration(proxyBeanMethods = false)
class StreamConfiguration {

  @Bean(destroyMethod = "destroy")
  ReactiveRedisMessageListenerContainer redisListenerContainer(
      ReactiveRedisConnectionFactory factory) {
    return new ReactiveRedisMessageListenerContainer(factory);
  }
}
