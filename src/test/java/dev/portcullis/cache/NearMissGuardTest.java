package dev.portcullis.cache;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NearMissGuardTest {

  @Test
  void paraphrasesPass() {
    assertThat(NearMissGuard.sameFacts("What is the capital of France?", "What's the capital city of France?"))
        .isTrue();
    assertThat(NearMissGuard.sameFacts("Translate \"good morning\" into Spanish.",
        "How do you say \"good morning\" in Spanish?")).isTrue();
    assertThat(NearMissGuard.sameFacts("How do I clear the cache in Chrome?", "How can I clear Chrome's cache?"))
        .isTrue();
  }

  @Test
  void anotherNumberIsANearMiss() {
    assertThat(NearMissGuard.sameFacts("What is 15% of 200?", "What is 25% of 200?")).isFalse();
    assertThat(NearMissGuard.sameFacts("Give me five ideas.", "Give me ten ideas.")).isFalse();
  }

  @Test
  void anotherNamedEntityIsANearMiss() {
    assertThat(NearMissGuard.sameFacts("What is the capital of France?", "What is the capital of Germany?"))
        .isFalse();
    assertThat(NearMissGuard.sameFacts("Translate \"thank you\" into German.", "Translate \"thanks\" into German."))
        .isFalse();
  }

  @Test
  void aNegationOrAnOppositeIsANearMiss() {
    assertThat(NearMissGuard.sameFacts("Is coffee good for you?", "Is coffee not good for you?")).isFalse();
    assertThat(NearMissGuard.sameFacts("Which plants need sun?", "Which plants don't need sun?")).isFalse();
    assertThat(NearMissGuard.sameFacts("Is it safe to swim here?", "Is it unsafe to swim here?")).isFalse();
    assertThat(NearMissGuard.sameFacts("Recipes with meat.", "Recipes without meat.")).isFalse();
    assertThat(NearMissGuard.sameFacts("What should I eat before a run?", "What should I eat after a run?"))
        .isFalse();
  }

  @Test
  void anotherLanguageIsANearMiss() {
    assertThat(NearMissGuard.sameFacts("What is the meaning of life?", "Was ist der Sinn des Lebens?")).isFalse();
  }
}
