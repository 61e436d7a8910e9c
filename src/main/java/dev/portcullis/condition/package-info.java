/**
 * The condition language shared by conditional routing and policy rules: MongoDB-style tests ({@code $eq} ...
 * {@code $regex}, {@code $and} / {@code $or}) over the facts of one request, parsed once into immutable queries.
 */
package dev.portcullis.condition;
