package dev.portcullis.observe;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequestListenersTest {

  private static final RequestRecord RECORD = RequestRecords.at("req-1", 0);

  @Test
  void everyListenerHearsTheEventInOrder() {
    List<String> heard = new ArrayList<>();
    RequestListener all = RequestListener.of(List.of(named("first", heard), named("second", heard)));

    all.ended(null, RECORD);

    assertThat(heard).containsExactly("first ended req-1", "second ended req-1");
  }

  @Test
  void aListenerThatThrowsDoesNotKeepTheOthersFromHearing() {
    List<String> heard = new ArrayList<>();
    RequestListener broken = new RequestListener() {
      @Override
      public void ended(CallView call, RequestRecord record) {
        throw new IllegalStateException("broken listener");
      }
    };
    RequestListener all = RequestListener.of(List.of(broken, named("after", heard)));

    all.ended(null, RECORD);

    assertThat(heard).containsExactly("after ended req-1");
  }

  @Test
  void noListenersIsTheNoOpListener() {
    assertThat(RequestListener.of(List.of())).isSameAs(RequestListener.NONE);
  }

  private static RequestListener named(String name, List<String> heard) {
    return new RequestListener() {
      @Override
      public void ended(CallView call, RequestRecord record) {
        heard.add(name + " ended " + record.id());
      }
    };
  }

  @Test
  void recordsKeepWhatTheBuilderWasGiven() {
    RequestRecord r = RequestRecord.builder("req-2", Instant.EPOCH).policy(List.of("pol-1"), "deny").build();

    assertThat(r.toBuilder().build()).isEqualTo(r);
    assertThat(r.policyRuleIds()).containsExactly("pol-1");
  }
}
