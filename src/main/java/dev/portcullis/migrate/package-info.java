/**
 * Moving in from Portkey and LiteLLM: {@code migrate portkey} rewrites a repository's Portkey usage for Portcullis
 * (walk, rewrite, diff, apply); {@link dev.portcullis.migrate.importer} reads a Portkey account or a LiteLLM config
 * and creates its workspaces, virtual keys, configs and budgets here.
 */
package dev.portcullis.migrate;
