package dev.portcullis.guard;

import java.util.ArrayList;
import java.util.List;
import org.ahocorasick.trie.Emit;
import org.ahocorasick.trie.Trie;

/**
 * {@code portcullis.keywords}: fails when any of {@code words} occurs in any text. Matching runs one Aho-Corasick
 * automaton over the text, so a list of thousands of words costs one pass. {@code case_sensitive} (default false)
 * and {@code whole_words} (default true: a word must not be part of a longer word).
 */
public final class KeywordsCheck implements SpanCheck {

  private final Trie trie;
  private final boolean wholeWords;
  private final int longest;

  KeywordsCheck(List<String> words, boolean caseSensitive, boolean wholeWords) {
    Trie.TrieBuilder builder = Trie.builder();
    if (!caseSensitive) {
      builder.ignoreCase();
    }
    this.trie = builder.addKeywords(words).build();
    this.wholeWords = wholeWords;
    this.longest = words.stream().mapToInt(String::length).max().orElse(0);
  }

  static KeywordsCheck from(CheckParams p) {
    List<String> words = p.strings("words", true);
    if (words.isEmpty()) {
      throw CheckParams.invalid(p.at("words"), "empty", "at least one word");
    }
    for (int i = 0; i < words.size(); i++) {
      if (words.get(i).isBlank()) {
        throw CheckParams.invalid(p.at("words") + "[" + i + "]", "blank", "a word");
      }
    }
    return new KeywordsCheck(words, p.bool("case_sensitive", false), p.bool("whole_words", true));
  }

  @Override
  public List<Detection> detect(String text) {
    List<Detection> found = new ArrayList<>();
    for (Emit e : trie.parseText(text)) {
      int start = e.getStart();
      int end = e.getEnd() + 1;
      if (!wholeWords || (!wordChar(text, start - 1) && !wordChar(text, end))) {
        found.add(new Detection("KEYWORD", start, end));
      }
    }
    return SpanCheck.withoutOverlaps(found);
  }

  /** Whether the character at {@code i} continues a word (a letter, a digit or an underscore). */
  private static boolean wordChar(String text, int i) {
    if (i < 0 || i >= text.length()) {
      return false;
    }
    char c = text.charAt(i);
    return Character.isLetterOrDigit(c) || c == '_';
  }

  @Override
  public boolean redacts() {
    return false;
  }

  @Override
  public int maxLength() {
    return longest + 1;
  }

  @Override
  public String toString() {
    return "KeywordsCheck[longest " + longest + "]";
  }
}
