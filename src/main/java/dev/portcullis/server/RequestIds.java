package dev.portcullis.server;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Version-7 UUIDs for request and trace ids: the first 48 bits are the Unix time in milliseconds, the rest random
 * from a thread-local generator. Ids made later sort later, so the request log's primary-key index grows at its end
 * instead of taking each insert at a random page (twice the insert cost); and ids must be unique, not secret, so
 * {@link UUID#randomUUID()}'s shared SecureRandom stays off the request path.
 */
final class RequestIds {

  private RequestIds() {}

  static String next() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    long msb = (System.currentTimeMillis() << 16) | 0x7000L | (random.nextLong() & 0x0FFFL);
    long lsb = (random.nextLong() & ~(0xC000L << 48)) | (0x8000L << 48);
    return new UUID(msb, lsb).toString();
  }
}
