package io.pulse.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.ChannelOption;
import io.netty.channel.WriteBufferWaterMark;
import io.pulse.support.Events;
import io.pulse.support.IntegrationTest;
import io.pulse.support.MutableClock;
import io.pulse.support.TestClockConfiguration;
import io.pulse.support.TestNetwork;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A client that stops reading: the server keeps at most the latest update for it and closes the
 * stream after the bound, instead of buffering without end.
 */
@IntegrationTest
@TestPropertySource(
    properties = {
      "pulse.streams.slow-client-timeout=1s",
      "pulse.streams.max-updates-per-second=100"
    })
@Import(SlowClientIntegrationTests.SmallSocketBuffers.class)
class SlowClientIntegrationTests {

  /** Small send buffers, so a client that stops reading pushes back within kilobytes. */
  @TestConfiguration(proxyBeanMethods = false)
  static class SmallSocketBuffers {
    @Bean
    NettyServerCustomizer smallSendBuffers() {
      return server ->
          server
              .childOption(ChannelOption.SO_SNDBUF, 4096)
              .childOption(
                  ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(4096, 8192));
    }
  }

  @Autowired WebTestClient client;
  @Autowired MutableClock clock;
  @Autowired MeterRegistry meters;
  @LocalServerPort int port;

  @Test
  void aClientThatStopsReadingIsDisconnectedAndCostsOneUpdateOfMemory() throws Exception {
    Instant now = Instant.parse("2026-11-23T10:00:30Z");
    clock.set(now);
    TestNetwork network = new TestNetwork(1, 1, 1).load(client);
    String d = network.dealer(0);
    double dropsBefore = meters.counter("pulse.stream.slow.disconnects").count();

    try (Socket socket = new Socket()) {
      socket.setReceiveBufferSize(1024);
      socket.connect(new InetSocketAddress("127.0.0.1", port));
      OutputStream out = socket.getOutputStream();
      out.write(
          ("GET /api/v1/stream/dealers/"
                  + d
                  + "?window=30d HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\nAuthorization: "
                  + TestClockConfiguration.ADMIN
                  + "\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      byte[] first = new byte[512];
      assertThat(in.read(first)).isPositive(); // the stream started; from now on we read nothing

      // Updates at up to 100 per second, a kilobyte or two each, until the server gives up on us.
      // Reactor Netty queues a bounded number of writes per connection before it stops asking
      // for more; only then does an update start to wait, and the bound start to count.
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      AtomicInteger posted = new AtomicInteger();
      try (var pool = Executors.newFixedThreadPool(4)) {
        for (int t = 0; t < 4; t++) {
          pool.submit(() -> {
            while (meters.counter("pulse.stream.slow.disconnects").count() == dropsBefore
                && System.nanoTime() < deadline) {
              int i = posted.incrementAndGet();
              client
                  .post()
                  .uri("/api/v1/feedback/batch")
                  .contentType(MediaType.APPLICATION_JSON)
                  .bodyValue(
                      Events.array(
                          List.of(
                              Events.event(
                                  UUID.randomUUID(), d, now, Map.of("RECOMMEND", i % 11)))))
                  .exchange()
                  .expectStatus()
                  .isOk();
            }
            return null;
          });
        }
      }
      int batches = posted.get();
      assertThat(meters.counter("pulse.stream.slow.disconnects").count())
          .isEqualTo(dropsBefore + 1);

      // The server ended the response: what is left in the buffers drains, then end of stream.
      socket.setSoTimeout(5000);
      byte[] buffer = new byte[8192];
      long drained = 0;
      int n;
      try {
        while ((n = in.read(buffer)) >= 0) {
          drained += n;
        }
      } catch (SocketTimeoutException e) {
        throw new AssertionError("the server kept the stream open after " + drained + " bytes", e);
      }
      // Far less than all the updates produced meanwhile would take: they were conflated.
      assertThat(batches).isGreaterThan(20);
      assertThat(drained).isLessThan(batches * 1500L);
    }
  }
}
