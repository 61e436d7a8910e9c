package dev.portcullis.provider;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Any provider stream transcript, cut into pieces at random byte boundaries (mid-event, mid-UTF-8 character), decodes
 * to exactly the chunks of the uncut transcript: no tool-call argument byte lost or doubled.
 */
class StreamSplitPropertyTest {

  static final int TRIES = 2000;
  /** Decoders stamp chunks with the clock when the provider sends no time; both decodes must see the same one. */

  private static Vertx vertx;

  @BeforeContainer
  static void start() {
    vertx = Vertx.vertx();
    ProviderGoldenFixtureTest.useAdapters(new ProviderAdapters(vertx, ProviderGoldenFixtureTest.FIXTURE_CLOCK));
  }

  @AfterContainer
  static void stop() {
    vertx.close();
  }

  @Property(tries = TRIES)
  void anyCutOfAStreamDecodesLikeTheWholeStream(@ForAll("streams") GoldenFixture fixture, @ForAll Random random) {
    Buffer whole = fixture.streamBytes();
    List<Buffer> pieces = cut(whole, random);

    assertThat(withoutGeneratedIdentity(ProviderGoldenFixtureTest.decodeStream(fixture, pieces)))
        .as("%s cut into %d pieces", fixture, pieces.size())
        .isEqualTo(withoutGeneratedIdentity(ProviderGoldenFixtureTest.decodeStream(fixture, List.of(whole))));
  }

  /**
   * The chunks without {@code id} and {@code created}: for providers that send neither (Bedrock), each decoding
   * makes a fresh id at the current second, so two decodings of one stream differ there however it was cut.
   */
  private static ArrayNode withoutGeneratedIdentity(ArrayNode chunks) {
    ArrayNode out = chunks.deepCopy();
    out.forEach(chunk -> ((ObjectNode) chunk).remove(List.of("id", "created")));
    return out;
  }

  @Provide
  Arbitrary<GoldenFixture> streams() {
    return Arbitraries.of(GoldenFixture.all().stream().filter(GoldenFixture::hasStream).toList());
  }

  /** Cuts at up to 40 random offsets; a third of the time every byte is its own piece. */
  private static List<Buffer> cut(Buffer whole, Random random) {
    int length = whole.length();
    TreeSet<Integer> cuts = new TreeSet<>();
    if (random.nextInt(3) == 0) {
      for (int i = 1; i < length; i++) {
        cuts.add(i);
      }
    } else {
      int count = 1 + random.nextInt(40);
      for (int i = 0; i < count && length > 1; i++) {
        cuts.add(1 + random.nextInt(length - 1));
      }
    }
    List<Buffer> pieces = new ArrayList<>();
    int from = 0;
    for (int at : cuts) {
      pieces.add(whole.getBuffer(from, at));
      from = at;
    }
    pieces.add(whole.getBuffer(from, length));
    return pieces;
  }
}
