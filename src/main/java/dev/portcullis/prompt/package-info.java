/**
 * The prompt library: versioned mustache prompts per workspace, labels that point at a version or split traffic
 * across versions by weight, and the rendering that turns a prompt and its variables into a chat request.
 */
package dev.portcullis.prompt;
