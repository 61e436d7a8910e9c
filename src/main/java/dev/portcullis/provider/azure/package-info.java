/**
 * Azure OpenAI: OpenAI's wire format at a deployment URL with an {@code api-version} query (or Azure's v1 path),
 * authorized by an {@code api-key} header or a Microsoft Entra ID bearer token.
 */
package dev.portcullis.provider.azure;
