package dev.lanyard.sync.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.core.testing.MutableClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RequestBudgetTest {

  @Test
  void neverMoreThanTheLimitInAnyWindow() throws Exception {
    MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    RequestBudget budget = new RequestBudget(3, Duration.ofMinutes(5), clock);
    budget.acquire();
    clock.advance(Duration.ofMinutes(1));
    budget.acquire();
    budget.acquire();
    assertThatThrownBy(budget::acquire).isInstanceOfSatisfying(RateLimitedException.class,
        e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofMinutes(4)));
    clock.advance(Duration.ofMinutes(4));
    budget.acquire(); // the first request left the window
    assertThatThrownBy(budget::acquire).isInstanceOf(RateLimitedException.class);
    assertThat(budget.remaining()).isZero();
  }

  @Test
  void aRetryAfterBlocksEverythingUntilItHasPassed() throws Exception {
    MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    RequestBudget budget = new RequestBudget(1000, Duration.ofMinutes(5), clock);
    budget.blockFor(Duration.ofSeconds(30));
    assertThatThrownBy(budget::acquire).isInstanceOfSatisfying(RateLimitedException.class, e -> {
      assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(30));
      assertThat(e.getMessage()).contains("Retry-After");
    });
    clock.advance(Duration.ofSeconds(30));
    budget.acquire();
    assertThat(budget.remaining()).isEqualTo(999);
  }

  @Test
  void rejectsANonsenseBudget() {
    assertThatThrownBy(() -> new RequestBudget(0, Duration.ofMinutes(5), Clock.systemUTC()))
        .hasMessageContaining("positive limit");
  }
}
