package io.pulse.ui.backend;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

class LatestThrottleTests {

  @Test
  void firstValuePassesAtOnceLaterOnesCollapseIntoTheNewest() {
    long start = System.nanoTime();
    List<long[]> seen =
        LatestThrottle.apply(
                Flux.concat(
                    Flux.just(1),
                    Flux.just(2, 3, 4).delayElements(Duration.ofMillis(100)),
                    Mono.delay(Duration.ofMillis(1900)).thenReturn(5)),
                Duration.ofSeconds(1))
            .map(v -> new long[] {v, (System.nanoTime() - start) / 1_000_000})
            .take(Duration.ofMillis(3000))
            .collectList()
            .block(Duration.ofSeconds(5));
    assertThat(seen).extracting(a -> a[0]).containsExactly(1L, 4L, 5L);
    assertThat(seen.get(0)[1]).isLessThan(500);
    // 2 and 3 were dropped; 4 waited for the end of the first period.
    assertThat(seen.get(1)[1]).isBetween(900L, 1600L);
  }

  @Test
  void aZeroPeriodPassesEverything() {
    StepVerifier.create(LatestThrottle.apply(Flux.just(1, 2, 3), Duration.ZERO))
        .expectNext(1, 2, 3)
        .verifyComplete();
  }
}
