package dev.portcullis.cache;

/** Turns a text into a unit-length vector whose dot product with another's is their cosine similarity. Blocking. */
public interface Embedder {

  float[] embed(String text);

  /** How many dimensions every vector has. */
  int dimensions();
}
