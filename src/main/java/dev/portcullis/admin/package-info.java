/**
 * The admin REST API under /admin/v1 (workspaces, users, gateway keys, virtual keys, audit, logs) and its OpenAPI
 * document; mounted by the server behind authentication.
 */
package dev.portcullis.admin;
