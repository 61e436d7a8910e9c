/**
 * The bundled embedding model of the semantic cache (all-MiniLM-L6-v2 through LangChain4j): left out of a slim build
 * ({@code -Dslim}), loaded by name when present.
 */
package dev.portcullis.cache.minilm;
