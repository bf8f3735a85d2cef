package io.berth.master.allocation;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.api.cluster.Resources;
import io.berth.framework.Offer;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OfferBookTest {
  private static Offer offer(String id, String framework, String agent, Resources r) {
    return new Offer(id, framework, agent, "h", "http://127.0.0.2:5051", r, Map.of(), null);
  }

  @Test
  void offersExpireAndAreCounted() {
    OfferBook book = new OfferBook();
    book.add(offer("o1", "f1", "a1", Resources.of(1, 100)), 0);
    book.add(offer("o2", "f1", "a1", Resources.of(1, 100)), 5_000);
    assertThat(book.offeredOn("a1")).isEqualTo(Resources.of(2, 200));
    assertThat(book.expire(10_000, 10_000)).extracting(Offer::id).containsExactly("o1");
    assertThat(book.offeredTo("f1")).isEqualTo(Resources.of(1, 100));
  }

  @Test
  void aRefusalHoldsUntilItExpiresOrMoreResourcesAreFree() {
    OfferBook book = new OfferBook();
    book.refuse("f1", "a1", Resources.of(1, 100), 5, 0);
    assertThat(book.filtered("f1", "a1", Resources.of(1, 100), 1_000_000_000L)).isTrue();
    assertThat(book.filtered("f1", "a1", Resources.of(2, 100), 1_000_000_000L)).isFalse();
    assertThat(book.filtered("f2", "a1", Resources.of(1, 100), 1_000_000_000L)).isFalse();
    assertThat(book.filtered("f1", "a1", Resources.of(1, 100), 5_000_000_000L)).isFalse();
  }

  @Test
  void reviveClearsFiltersAndSuppression() {
    OfferBook book = new OfferBook();
    book.refuse("f1", "a1", Resources.of(1, 100), 60, 0);
    book.suppress("f1");
    book.revive("f1");
    assertThat(book.suppressed("f1")).isFalse();
    assertThat(book.filtered("f1", "a1", Resources.of(1, 100), 1)).isFalse();
  }
}
