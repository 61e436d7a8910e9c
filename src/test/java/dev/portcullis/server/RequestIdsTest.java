package dev.portcullis.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RequestIdsTest {

  @Test
  void idsAreVersion7UuidsWithoutRepeats() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      String id = RequestIds.next();
      UUID uuid = UUID.fromString(id);
      assertThat(uuid.version()).isEqualTo(7);
      assertThat(uuid.variant()).isEqualTo(2);
      assertThat(seen.add(id)).isTrue();
    }
  }

  @Test
  void idsBeginWithTheirCreationTimeInMilliseconds() {
    long before = System.currentTimeMillis();
    String id = RequestIds.next();
    long after = System.currentTimeMillis();
    long millis = UUID.fromString(id).getMostSignificantBits() >>> 16;
    assertThat(millis).isBetween(before, after);
  }
}
