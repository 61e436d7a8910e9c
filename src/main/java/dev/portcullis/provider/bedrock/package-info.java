/**
 * AWS Bedrock: Converse chat and its binary event stream, Titan and Cohere embeddings through InvokeModel, requests
 * signed with SigV4.
 */
package dev.portcullis.provider.bedrock;
