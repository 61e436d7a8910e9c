/**
 * Importers: a Portkey account read through its admin API, Portkey config files, and a LiteLLM proxy
 * {@code config.yaml}, turned into workspaces, virtual keys, saved configs and budget rules here; idempotent and
 * audited, with a report that lists everything that did not map.
 */
package dev.portcullis.migrate.importer;
