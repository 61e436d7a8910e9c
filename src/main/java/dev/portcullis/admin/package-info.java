/** The admin REST API under /admin/v1, mounted by the server behind authentication. */
package dev.portcullis.admin;
