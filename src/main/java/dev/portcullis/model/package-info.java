/**
 * The provider-neutral chat model every dialect and provider translates to and from; JSON values it holds
 * ({@code JsonNode}) are kept as received and never mutated.
 */
package dev.portcullis.model;
