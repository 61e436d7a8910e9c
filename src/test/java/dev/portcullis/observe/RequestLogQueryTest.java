package dev.portcullis.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class RequestLogQueryTest {

  @Test
  void newestFiftyIsTheDefault() {
    RequestLogQuery query = RequestLogQuery.newest().build();

    assertThat(query.limit()).isEqualTo(50);
    assertThat(query.metadata()).isEmpty();
    assertThat(query.after()).isNull();
  }

  @Test
  void limitAboveOneThousandIsRefused() {
    assertThatThrownBy(() -> RequestLogQuery.newest().limit(1_001).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("limit: 1001 (expected: 1..1000)");
  }

  @Test
  void metadataKeyOutsideTheSafeAlphabetIsRefused() {
    assertThatThrownBy(() -> RequestLogQuery.newest().metadata("team\"') OR 1=1 --", "x").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("metadata key: 'team\"') OR 1=1 --' (expected: 1..64 of the characters A-Z a-z 0-9 _ . -)");
  }

  @Test
  void cursorTokenReadsBackAsTheSamePosition() {
    RequestLogCursor cursor = new RequestLogCursor(Instant.ofEpochMilli(1_738_315_800_123L), "req:with:colons");

    assertThat(RequestLogCursor.parse(cursor.token())).isEqualTo(cursor);
  }

  @Test
  void cursorTokenThatWasNotIssuedIsRefused() {
    assertThatThrownBy(() -> RequestLogCursor.parse("bm90LWEtY3Vyc29y"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("not a request log cursor");
    assertThatThrownBy(() -> RequestLogCursor.parse("%%%"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("not a request log cursor");
  }
}
