package dev.portcullis.policy;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.LocalDate;

/**
 * The list price of one model at one provider, in USD. Token prices are per million tokens; any price may be null
 * when the provider does not charge that way. A null {@code cachedInput} or {@code cacheWrite} is charged at
 * {@code input}, a null {@code reasoning} at {@code output}.
 *
 * @param maxOutputTokens the most output tokens the model writes in one answer (its documented output limit), or
 *     null when unknown: what a budget reserves for a request that sets no maximum of its own
 * @param asOf when the price was read from {@code source}
 * @param source the public page the price comes from
 */
public record Price(
    String provider,
    String model,
    BigDecimal input,
    BigDecimal cachedInput,
    BigDecimal cacheWrite,
    BigDecimal output,
    BigDecimal reasoning,
    BigDecimal perImage,
    BigDecimal perAudioSecond,
    Integer maxOutputTokens,
    LocalDate asOf,
    String source) {

  private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

  /**
   * What {@code used} costs at this price, or null when it consumed something this price has no rate for (tokens of
   * a model priced per image, say).
   */
  public BigDecimal cost(Consumption used) {
    int prompt = orZero(used.promptTokens());
    int cached = Math.min(orZero(used.cachedTokens()), prompt);
    int written = Math.min(orZero(used.cacheWriteTokens()), prompt - cached);
    int completion = orZero(used.completionTokens());
    int thinking = Math.min(orZero(used.reasoningTokens()), completion);
    BigDecimal[] parts = {
        tokens(prompt - cached - written, input),
        tokens(cached, cachedInput != null ? cachedInput : input),
        tokens(written, cacheWrite != null ? cacheWrite : input),
        tokens(completion - thinking, output),
        tokens(thinking, reasoning != null ? reasoning : output),
        units(used.images() == null ? 0 : used.images(), perImage),
        units(used.audioSeconds() == null ? 0 : used.audioSeconds(), perAudioSecond)};
    BigDecimal total = BigDecimal.ZERO;
    for (BigDecimal part : parts) {
      if (part == null) {
        return null;
      }
      total = total.add(part);
    }
    return total.round(MathContext.DECIMAL64).stripTrailingZeros();
  }

  /** A cost in millionths of a dollar, rounded up so a budget never counts less than was spent. */
  static long micros(BigDecimal usd) {
    return usd.movePointRight(6).setScale(0, RoundingMode.CEILING).longValueExact();
  }

  private static BigDecimal tokens(int count, BigDecimal perMillion) {
    if (count == 0) {
      return BigDecimal.ZERO;
    }
    return perMillion == null ? null : perMillion.multiply(BigDecimal.valueOf(count)).divide(MILLION);
  }

  private static BigDecimal units(double count, BigDecimal each) {
    if (count == 0) {
      return BigDecimal.ZERO;
    }
    return each == null ? null : each.multiply(BigDecimal.valueOf(count));
  }

  private static int orZero(Integer n) {
    return n == null ? 0 : n;
  }
}
