/**
 * The response cache: keys built from what determines an answer, stores in process (Caffeine) or in Redis, the
 * cache settings of routing configs, and the conversion of stored answers to and from streams.
 */
package dev.portcullis.cache;
