package dev.portcullis.cache;

import java.text.Normalizer;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a similarity threshold cannot see: two questions that a sentence embedding finds close (on MiniLM, a question
 * and its negation score about 0.97) but that ask different things. Two texts pass only when they name the same
 * numbers, the same named entities (words written with a capital inside a sentence, or in quotes), carry the same
 * negations (words like {@code not} and {@code without}, or a negating prefix: {@code safe} / {@code unsafe}), use
 * no word whose opposite the other uses ({@code before} / {@code after}), and are written in the same language when
 * both show which.
 */
public final class NearMissGuard {

  private static final Pattern NUMBER = Pattern.compile("\\d+(?:[.,]\\d+)*");
  private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}.'’+#-]*");
  private static final Pattern QUOTED = Pattern.compile("[\"“”«»]([^\"“”«»]{1,80})[\"“”«»]");
  private static final Pattern SENTENCE_END = Pattern.compile("[.!?:;]\\s*$");

  /** Words that say no, and the word a negating prefix may not sit on twice. */
  private static final Set<String> NEGATIONS = Set.of("not", "no", "never", "without", "cannot", "against", "none",
      "nothing", "neither", "nor", "n't", "dont", "don't", "doesn't", "isn't", "aren't", "won't", "can't",
      "shouldn't", "wouldn't", "couldn't", "didn't", "wasn't", "weren't", "hasn't", "haven't");
  private static final List<String> NEGATING_PREFIXES = List.of("un", "in", "im", "dis", "non", "ir", "il");

  /** Words and their opposites: a question using one is not answered by a question using the other. */
  private static final Map<String, String> OPPOSITES = opposites("before after", "above below", "more less",
      "most least", "increase decrease", "maximum minimum", "max min", "best worst", "first last", "buy sell",
      "open close", "start stop", "enable disable", "upload download", "import export", "add remove", "add drop",
      "encrypt decrypt", "push pull", "win lose", "cheap expensive", "cheapest fastest", "hot cold", "old new",
      "old young", "early late", "up down", "in out", "on off", "input output", "benefits risks",
      "advantages disadvantages", "pros cons", "for against", "with without", "true false", "yes no");

  private static final Set<String> NUMBER_WORDS = Set.of("zero", "one", "two", "three", "four", "five", "six",
      "seven", "eight", "nine", "ten", "eleven", "twelve", "twenty", "thirty", "hundred", "thousand", "million",
      "billion", "first", "second", "third", "fourth", "fifth", "half", "quarter", "dozen");

  /** Common words of languages a question may be written in: the language with the most of them is the text's. */
  private static final Map<String, Set<String>> FUNCTION_WORDS = Map.of(
      "en", Set.of("the", "is", "what", "how", "do", "i", "a", "of", "in", "to", "are", "you", "can", "and", "with",
          "for", "my", "me", "it", "where", "why", "who", "which", "does", "should", "tell", "give", "write"),
      "fr", Set.of("le", "la", "les", "est", "quelle", "quel", "comment", "je", "un", "une", "de", "des", "du", "où",
          "pourquoi", "qui", "et", "avec", "pour", "mon", "moi", "vous", "plus"),
      "de", Set.of("der", "die", "das", "ist", "was", "wie", "ich", "ein", "eine", "von", "und", "mit", "für", "mein",
          "mir", "wo", "warum", "wer", "des", "dem", "den", "sinn"),
      "es", Set.of("el", "la", "los", "las", "es", "qué", "que", "cómo", "como", "yo", "un", "una", "de", "del", "y",
          "con", "para", "mi", "dónde", "por", "quién", "hora", "buen"),
      "it", Set.of("il", "lo", "la", "gli", "è", "che", "cosa", "come", "io", "un", "una", "di", "del", "e", "con",
          "per", "mio", "dove", "perché", "chi", "posso"),
      "pt", Set.of("o", "a", "os", "as", "é", "que", "como", "eu", "um", "uma", "de", "do", "da", "e", "com", "para",
          "meu", "onde", "por", "quem", "você", "está", "hoje"));

  private NearMissGuard() {}

  /** Whether {@code a} and {@code b} may be answered alike, as far as numbers, names, negations and language go. */
  public static boolean sameFacts(String a, String b) {
    Facts x = Facts.of(a);
    Facts y = Facts.of(b);
    return x.numbers().equals(y.numbers()) && x.entities().equals(y.entities())
        && x.negations() == y.negations()
        && (x.language().isEmpty() || y.language().isEmpty() || x.language().equals(y.language()))
        && !negatedByPrefix(x.words(), y.words()) && !negatedByPrefix(y.words(), x.words())
        && !opposed(x.words(), y.words());
  }

  /** Whether one text uses a word whose opposite only the other uses. */
  private static boolean opposed(Set<String> a, Set<String> b) {
    for (String word : a) {
      String opposite = OPPOSITES.get(word);
      if (opposite != null && b.contains(opposite) && !a.contains(opposite) && !b.contains(word)) {
        return true;
      }
    }
    for (String word : b) {
      String opposite = OPPOSITES.get(word);
      if (opposite != null && a.contains(opposite) && !b.contains(opposite) && !a.contains(word)) {
        return true;
      }
    }
    return false;
  }

  private static Map<String, String> opposites(String... pairs) {
    Map<String, String> out = new java.util.HashMap<>();
    for (String pair : pairs) {
      String[] words = pair.split(" ");
      out.putIfAbsent(words[0], words[1]);
      out.putIfAbsent(words[1], words[0]);
    }
    return Map.copyOf(out);
  }

  /** Whether a word of {@code a} is a word of {@code b} with a negating prefix ({@code safe} / {@code unsafe}). */
  private static boolean negatedByPrefix(Set<String> a, Set<String> b) {
    for (String word : b) {
      if (a.contains(word)) {
        continue;
      }
      for (String prefix : NEGATING_PREFIXES) {
        if (word.length() > prefix.length() + 3 && word.startsWith(prefix) && a.contains(word.substring(prefix.length()))) {
          return true;
        }
      }
    }
    return false;
  }

  private record Facts(Set<String> numbers, Set<String> entities, int negations, String language, Set<String> words) {

    static Facts of(String text) {
      String normal = Normalizer.normalize(text, Normalizer.Form.NFC);
      Set<String> numbers = new TreeSet<>();
      Matcher n = NUMBER.matcher(normal);
      while (n.find()) {
        numbers.add(n.group().replace(",", ""));
      }
      Set<String> entities = new TreeSet<>();
      Matcher q = QUOTED.matcher(normal);
      while (q.find()) {
        entities.add(q.group(1).toLowerCase(Locale.ROOT).trim());
      }
      Set<String> words = new HashSet<>();
      int negations = 0;
      Map<String, Integer> languages = new java.util.HashMap<>();
      Matcher w = WORD.matcher(normal);
      boolean sentenceStart = true;
      int last = 0;
      while (w.find()) {
        if (SENTENCE_END.matcher(normal.substring(last, w.start())).find()) {
          sentenceStart = true;
        }
        String raw = stripPossessive(w.group().replaceAll("[.'’-]+$", ""));
        String word = raw.toLowerCase(Locale.ROOT);
        words.add(word);
        if (NEGATIONS.contains(word) || word.endsWith("n't")) {
          negations++;
        }
        if (NUMBER_WORDS.contains(word)) {
          numbers.add(word);
        }
        if (!sentenceStart && !word.equals("i") && raw.chars().anyMatch(Character::isUpperCase)) {
          entities.add(word);
        }
        for (Map.Entry<String, Set<String>> l : FUNCTION_WORDS.entrySet()) {
          if (l.getValue().contains(word)) {
            languages.merge(l.getKey(), 1, Integer::sum);
          }
        }
        sentenceStart = false;
        last = w.end();
      }
      return new Facts(numbers, entities, negations, language(languages), words);
    }

    /** The language with the most function words, when it has two or more and more than any other; else "". */
    private static String language(Map<String, Integer> counts) {
      String best = "";
      int top = 0;
      int second = 0;
      for (Map.Entry<String, Integer> e : counts.entrySet()) {
        if (e.getValue() > top) {
          second = top;
          top = e.getValue();
          best = e.getKey();
        } else if (e.getValue() > second) {
          second = e.getValue();
        }
      }
      return top >= 2 && top > second ? best : "";
    }

    private static String stripPossessive(String word) {
      return word.endsWith("'s") || word.endsWith("’s") ? word.substring(0, word.length() - 2) : word;
    }
  }
}
