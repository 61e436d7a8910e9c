package dev.portcullis.store;

import java.util.List;

/**
 * One page of a listing, newest first.
 *
 * @param items the rows on this page
 * @param nextCursor opaque token that fetches the next page, or null when this is the last one
 */
public record Page<T>(List<T> items, String nextCursor) {

  public Page {
    items = List.copyOf(items);
  }
}
