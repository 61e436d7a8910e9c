package dev.portcullis.guard;

/** An inclusive range of counts from two parameters ({@code minWords}/{@code maxWords} and the like). */
record CountRange(String unit, long min, long max) {

  static CountRange from(CheckParams p, String unit, String minKey, String maxKey) {
    Long min = p.integer(minKey, 0, Integer.MAX_VALUE);
    Long max = p.integer(maxKey, 0, Integer.MAX_VALUE);
    if (min == null && max == null) {
      throw CheckParams.invalid(p.at(minKey), "missing, and so is " + maxKey, "at least one of them");
    }
    CountRange range = new CountRange(unit, min == null ? 0 : min, max == null ? Integer.MAX_VALUE : max);
    if (range.min > range.max) {
      throw CheckParams.invalid(p.at(minKey), min + " > " + maxKey + " " + max, "a minimum <= the maximum");
    }
    return range;
  }

  CheckOutcome judge(long count) {
    String range = max == Integer.MAX_VALUE ? ">= " + min : min + ".." + max;
    return new CheckOutcome(count >= min && count <= max, count + " " + unit + " (expected: " + range + ")");
  }
}
