/** Test doubles shared by several test packages. */
package dev.portcullis.testing;
