package io.berth.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.common.error.BerthException;
import java.util.List;
import org.junit.jupiter.api.Test;

class RouteDispatchTest {
  @Test
  void queryParametersKeepTheirOrderAndRepeats() {
    var query = RouteDispatch.query("skip=-5&limit=2&filter=a%3Db&filter=c+d&flag");
    assertThat(query.keySet()).containsExactly("skip", "limit", "filter", "flag");
    assertThat(query.get("filter")).containsExactly("a=b", "c d");
    assertThat(query.get("flag")).containsExactly("");
    assertThat(RouteDispatch.query(null)).isEmpty();
  }

  @Test
  void aBrokenQueryIsABadRequest() {
    assertThatThrownBy(() -> RouteDispatch.query("a=%zz")).isInstanceOf(BerthException.class)
        .hasMessageContaining("query string is not valid");
  }
}
